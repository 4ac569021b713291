import BasculeDomain
import BasculeStorage
import Plot

extension AgendaPage {
    /// What the event form shows: an event's values, or what was typed when it was refused.
    struct Form {
        var title: String
        var startDate: String
        var startTime: String
        var endDate: String
        var endTime: String
        var location: String

        init(title: String, startDate: String, startTime: String, endDate: String, endTime: String, location: String) {
            (self.title, self.startDate, self.startTime) = (title, startDate, startTime)
            (self.endDate, self.endTime, self.location) = (endDate, endTime, location)
        }

        init(_ event: AgendaStore.Event) {
            self.init(title: event.title, startDate: String(event.starts_at.prefix(10)), startTime: String(event.starts_at.dropFirst(11).prefix(5)),
                      endDate: String(event.ends_at.prefix(10)), endTime: String(event.ends_at.dropFirst(11).prefix(5)),
                      location: event.location ?? "")
        }

        init(_ typed: AgendaWebRoutes.EventForm) {
            self.init(title: typed.titre ?? "", startDate: typed.debut ?? "", startTime: typed.heureDebut ?? "",
                      endDate: typed.fin ?? "", endTime: typed.heureFin ?? "", location: typed.lieu ?? "")
        }
    }

    static func form(_ form: Form, eventID: Int?, error: ServiceError? = nil, context: PageContext) -> Page {
        // A refusal is shown under the field it is about (the others above the form).
        var field: String?
        if case .invalid(let name, _) = error { field = name }
        func message(for column: String) -> Node<HTML.FormContext> {
            .if(field == column, .p(.id("erreur-\(column)"), .class("alert"), .text(error?.pageReason ?? "")))
        }
        // Plot leaves out an attribute whose value is empty: these appear on the refused field only.
        func invalid(_ column: String) -> Attribute<HTML.InputContext> {
            .attribute(named: "aria-invalid", value: field == column ? "true" : "")
        }
        func described(_ column: String) -> Attribute<HTML.InputContext> {
            .attribute(named: "aria-describedby", value: field == column ? "erreur-\(column)" : "")
        }
        let action = eventID.map { "/agenda/evenements/\($0)" } ?? "/agenda"
        return Page(title: eventID == nil ? "Nouvel événement" : "Modifier l'événement", context: context) {
            if let error, field == nil { Paragraph(error.pageReason).class("alert").attribute(named: "role", value: "alert") }
            Node<HTML.BodyContext>.form(
                .action(action), .method(.post), .class("card"),
                .input(.type(.hidden), .name(CSRF.field), .value(context.csrf)),
                .label(.for("titre"), .text("Titre")),
                .input(.type(.text), .id("titre"), .name("titre"), .required(true), .value(form.title.xmlEscaped),
                       .attribute(named: "maxlength", value: String(TextLimits.lineLength)), invalid("title"), described("title")),
                message(for: "title"),
                .fieldset(.element(named: "legend", text: "Début"),
                          .label(.for("debut"), .text("Date")),
                          .input(.type(.date), .id("debut"), .name("debut"), .required(true), .value(form.startDate.xmlEscaped), invalid("starts_at"), described("starts_at")),
                          .label(.for("heureDebut"), .text("Heure")),
                          .input(.type(.time), .id("heureDebut"), .name("heureDebut"), .required(true), .value(form.startTime.xmlEscaped), invalid("starts_at"), described("starts_at")),
                          message(for: "starts_at")),
                .fieldset(.element(named: "legend", text: "Fin"),
                          .label(.for("fin"), .text("Date")),
                          .input(.type(.date), .id("fin"), .name("fin"), .value(form.endDate.xmlEscaped), invalid("ends_at"), described("ends_at")),
                          .label(.for("heureFin"), .text("Heure")),
                          .input(.type(.time), .id("heureFin"), .name("heureFin"), .required(true), .value(form.endTime.xmlEscaped), invalid("ends_at"), described("ends_at")),
                          message(for: "ends_at")),
                .label(.for("lieu"), .text("Lieu (facultatif)")),
                .input(.type(.text), .id("lieu"), .name("lieu"), .value(form.location.xmlEscaped),
                       .attribute(named: "maxlength", value: String(TextLimits.lineLength)), invalid("location"), described("location")),
                message(for: "location"),
                .div(.class("actions"),
                     .button(.type(.submit), .text(eventID == nil ? "Ajouter l'événement" : "Enregistrer")),
                     .a(.href((try? CalendarDate(iso: form.startDate)).map { weekPath($0.mondayOfWeek) } ?? "/agenda"), .text("Annuler")))
            )
            if let eventID {
                Paragraph { Link("Supprimer l'événement…", url: "/agenda/evenements/\(eventID)/suppression") }
            }
        }
    }
}
