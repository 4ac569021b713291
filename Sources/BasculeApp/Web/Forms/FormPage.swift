import BasculeDomain
import BasculeStorage
import Plot

/// « Formulaires »: the forms to answer and one's own, a form with its questions, and its
/// answers for its author.
enum FormPage {
    static func path(uai: String, id: Int? = nil, _ rest: String = "") -> String {
        "/formulaires" + (id.map { "/\($0)" } ?? "") + rest + "?etablissement=\(uai)"
    }

    static func list(_ forms: [FormStore.Summary], uai: String, mayCreate: Bool, typed: (title: String, questions: String) = ("", ""),
                     error: ServiceError? = nil, context: PageContext) -> Page {
        let mine = forms.filter { $0.owner_id == context.accountID }
        let open = forms.filter { $0.owner_id != context.accountID && $0.is_open }
        let toAnswer = open.filter { $0.answered_by_viewer == 0 }, answered = open.filter { $0.answered_by_viewer > 0 }
        func item(_ form: FormStore.Summary) -> ListItem {
            ListItem {
                Link(form.title, url: path(uai: uai, id: form.id))
                Paragraph((form.ownerName.map { "Par \($0), le " } ?? "Le ") + AccessClosed.french(form.created_on)).class("muted")
            }
        }
        return Page(title: "Formulaires", context: context) {
            H2("À remplir")
            if toAnswer.isEmpty { Paragraph("Aucun formulaire ouvert ne vous attend.").class("muted") }
            List(toAnswer, content: item).class("messages")
            if !answered.isEmpty {
                H2("Déjà remplis, encore ouverts")
                List(answered, content: item).class("messages")
            }
            if !mine.isEmpty || mayCreate {
                H2("Mes formulaires")
                if mine.isEmpty { Paragraph("Vous n'avez écrit aucun formulaire.").class("muted") }
                List(mine) { form in
                    ListItem {
                        Link(form.title, url: path(uai: uai, id: form.id))
                        Paragraph("\(form.is_open ? "Ouvert" : "Clos") — \(French.count(form.question_count, "question")), "
                                  + "\(French.count(form.respondent_count, "réponse"))").class("muted")
                    }
                }.class("messages")
            }
            if mayCreate {
                Node<HTML.BodyContext>.form(
                    .action(path(uai: uai)), .method(.post), .class("card"), .id("nouveau-formulaire"),
                    .input(.type(.hidden), .name(CSRF.field), .value(context.csrf)),
                    .h2(.text("Nouveau formulaire")),
                    .unwrap(error) { .p(.class("alert"), .attribute(named: "role", value: "alert"), .text($0.pageReason)) },
                    .label(.for("titre"), .text("Titre")),
                    .input(.type(.text), .id("titre"), .name("titre"), .required(true), .value(typed.title.xmlEscaped),
                           .attribute(named: "maxlength", value: String(TextLimits.lineLength))),
                    .label(.for("questions"), .text("Questions, une par ligne")),
                    .textarea(.id("questions"), .name("questions"), .rows(6), .required(true), .text(typed.questions),
                              .attribute(named: "aria-describedby", value: "questions-aide")),
                    .p(.id("questions-aide"), .class("muted"),
                       .text("\(FormStore.questionLimit) questions au plus. Chaque membre de l'établissement y répond une fois et peut changer ses réponses tant que le formulaire est ouvert.")),
                    .button(.type(.submit), .text("Créer le formulaire"))
                )
            }
        }
    }

    /// `manages`: its owner or an administrator, who read its answers, close and delete it.
    static func form(_ detail: FormStore.Detail, uai: String, manages: Bool, typed: [Int: String]? = nil, error: ServiceError? = nil,
                     context: PageContext) -> Page {
        let form = detail.form
        let isOwner = manages
        return Page(title: form.title, context: context) {
            Paragraph((form.ownerName.map { "Par \($0), le " } ?? "Le ") + AccessClosed.french(form.created_on)
                      + (form.is_open ? "" : " — clos, il ne reçoit plus de réponses")).class("muted")
            Node<HTML.BodyContext>.nav(.class("sub"), .attribute(named: "aria-label", value: "Formulaire"),
                                       .a(.href(path(uai: uai)), .text("Tous les formulaires")),
                                       .if(isOwner, .a(.href(path(uai: uai, id: form.id, "/reponses")),
                                                       .text("Les réponses (\(form.respondent_count))"))))
            if let error { Paragraph(error.pageReason).class("alert").attribute(named: "role", value: "alert") }
            if form.is_open {
                Node<HTML.BodyContext>.form(
                    .action(path(uai: uai, id: form.id)), .method(.post), .class("card"), .id("repondre"),
                    .input(.type(.hidden), .name(CSRF.field), .value(context.csrf)),
                    .if(!detail.answers.isEmpty, .p(.class("done"), .text("Vous avez déjà répondu\u{A0}; vous pouvez changer vos réponses."))),
                    .forEach(detail.questions) { question in
                        .group(.label(.for("reponse-\(question.id)"), .text("\(question.position). \(question.label)")),
                               .textarea(.id("reponse-\(question.id)"), .name("reponse-\(question.id)"), .rows(2), .required(true),
                                         .text(typed?[question.id] ?? detail.answers[question.id] ?? "")))
                    },
                    .button(.type(.submit), .text(detail.answers.isEmpty ? "Envoyer mes réponses" : "Enregistrer mes réponses"))
                )
            } else {
                List(detail.questions) { question in
                    ListItem {
                        Text("\(question.position). \(question.label)")
                        if let typed = typed?[question.id], !typed.isEmpty {
                            Paragraph("Votre réponse, non enregistrée\u{A0}: \(typed)").class("muted")
                        } else if let mine = detail.answers[question.id] {
                            Paragraph("Votre réponse\u{A0}: \(mine)").class("muted")
                        }
                    }
                }
            }
            if isOwner {
                Node<HTML.BodyContext>.form(
                    .action(path(uai: uai, id: form.id, "/etat")), .method(.post), .class("actions"), .id("etat"),
                    .input(.type(.hidden), .name(CSRF.field), .value(context.csrf)),
                    .input(.type(.hidden), .name("ouvert"), .value(form.is_open ? "0" : "1")),
                    .button(.type(.submit), .class("secondary"), .text(form.is_open ? "Clore le formulaire" : "Rouvrir le formulaire"))
                )
                Paragraph { Link("Supprimer le formulaire…", url: path(uai: uai, id: form.id, "/suppression")) }
            }
        }
    }

    /// One line per respondent: their name, when they last answered, an answer per question.
    static func table(_ detail: FormStore.Detail, answers: [FormStore.Answer]) -> [(name: String, answeredAt: String, values: [String])] {
        var order: [Int] = []
        var byRespondent: [Int: [FormStore.Answer]] = [:]
        for answer in answers {
            if byRespondent[answer.respondent_id] == nil { order.append(answer.respondent_id) }
            byRespondent[answer.respondent_id, default: []].append(answer)
        }
        return order.map { respondent in
            let given = byRespondent[respondent] ?? []
            let byQuestion = Dictionary(given.map { ($0.question_id, $0.value) }, uniquingKeysWith: { first, _ in first })
            return (given.first?.respondentName ?? "", given.map(\.answered_at).max() ?? "",
                    detail.questions.map { byQuestion[$0.id] ?? "" })
        }
    }

    static func answers(_ detail: FormStore.Detail, answers: [FormStore.Answer], uai: String, context: PageContext) -> Page {
        let rows = table(detail, answers: answers)
        return Page(title: "Réponses — \(detail.form.title)", context: context) {
            Node<HTML.BodyContext>.nav(.class("sub"), .attribute(named: "aria-label", value: "Réponses"),
                                       .a(.href(path(uai: uai, id: detail.form.id)), .text("Revenir au formulaire")),
                                       .a(.href(path(uai: uai, id: detail.form.id, "/reponses.csv")), .text("Télécharger en CSV")))
            Paragraph("\(French.count(rows.count, "personne")) \(French.agreeing(rows.count, "a", "ont")) répondu.").class("muted")
            if !rows.isEmpty {
                Node<HTML.BodyContext>.table(
                    .class("reflow"),
                    .thead(.tr(.th(.attribute(named: "scope", value: "col"), .text("Nom")),
                               .forEach(detail.questions) { .th(.attribute(named: "scope", value: "col"), .text($0.label)) })),
                    .tbody(.forEach(rows) { row in
                        .tr(.th(.attribute(named: "scope", value: "row"), .text(row.name)),
                            .forEach(Array(zip(detail.questions, row.values))) { question, value in
                                .td(.attribute(named: "data-label", value: question.label.xmlEscaped), .text(value))
                            })
                    })
                )
            }
        }
    }
}
