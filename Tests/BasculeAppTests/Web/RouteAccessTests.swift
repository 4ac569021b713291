import BasculeDomain
import BasculeStorage
import Testing
import Vapor
@testable import BasculeApp

/// Every page and action of the year change, the timetable, the logbook, the mail and the sections, for every profile:
/// who gets it, who is refused.
@Suite("Access rules of every page and action, per profile")
struct RouteAccessTests {
    enum Who: String, CaseIterable {
        case anonymous, operatorAccount, adminA, headA, teacherA, staffA, studentA, parentA, adminB
    }

    struct Route {
        let method: HTTPMethod
        let path: String
        var fields: [(String, String)] = []
        /// Who gets `allowed`; everyone else signed in gets 403; anonymous gets `anonymous`.
        let allowed: Set<Who>
        let allowedStatus: HTTPStatus
        /// What someone not signed in gets, when it is not a page's redirection to the login
        /// (GET) or the form token's refusal (POST): the JSON API's 401.
        var anonymousStatus: HTTPStatus?
        /// Profiles that get another status than `allowedStatus` or 403 (a page that sends
        /// each profile where it belongs).
        var others: [Who: HTTPStatus] = [:]
    }

    static let event = [("titre", "Conseil"), ("debut", "2026-12-07"), ("heureDebut", "17:00"), ("heureFin", "18:00")]

    @Test("Each profile × each route")
    func matrix() async throws {
        try await withTestApp { app in
            // setup
            let academy = try await TestAcademy.make(app)
            let a = academy.establishmentA.uai.code
            let establishmentAdmins: Set<Who> = [.operatorAccount, .adminA, .headA]
            let members: Set<Who> = [.operatorAccount, .adminA, .headA, .teacherA, .staffA, .studentA, .parentA]
            let everyone = Set(Who.allCases).subtracting([.anonymous])
            let membersOfA = members.subtracting([.operatorAccount])
            let routes: [Route] = [
                Route(method: .GET, path: "accueil", allowed: everyone, allowedStatus: .ok),
                Route(method: .GET, path: "etablissements/\(a)", allowed: Set(Who.allCases), allowedStatus: .ok),
                Route(method: .GET, path: "etablissements/\(a)/changement-d-annee", allowed: establishmentAdmins, allowedStatus: .ok),
                Route(method: .GET, path: "etablissements/\(a)/blocage-des-acces", allowed: establishmentAdmins, allowedStatus: .ok),
                Route(method: .GET, path: "etablissements/\(a)/imports", allowed: establishmentAdmins, allowedStatus: .ok),
                Route(method: .GET, path: "etablissements/\(a)/archives", allowed: members, allowedStatus: .ok),
                Route(method: .GET, path: "etablissements/\(a)/corbeille", allowed: establishmentAdmins, allowedStatus: .ok),
                Route(method: .GET, path: "console", allowed: [.operatorAccount], allowedStatus: .ok),
                Route(method: .GET, path: "console/plan?uai[]=\(a)", allowed: [.operatorAccount], allowedStatus: .ok),
                Route(method: .POST, path: "etablissements/\(a)/changement-d-annee/conserver/manual_groups",
                      fields: [("portee", "selection")], allowed: establishmentAdmins, allowedStatus: .seeOther),
                Route(method: .POST, path: "etablissements/\(a)/changement-d-annee/conserver/manual_accounts",
                      fields: [("portee", "selection")], allowed: establishmentAdmins, allowedStatus: .seeOther),
                Route(method: .POST, path: "etablissements/\(a)/changement-d-annee/conserver/temporary_sections",
                      fields: [("portee", "selection")], allowed: establishmentAdmins, allowedStatus: .seeOther),
                Route(method: .POST, path: "etablissements/\(a)/changement-d-annee/prevenir", allowed: establishmentAdmins, allowedStatus: .seeOther),
                Route(method: .POST, path: "etablissements/\(a)/changement-d-annee/export", allowed: establishmentAdmins, allowedStatus: .ok),
                Route(method: .POST, path: "etablissements/\(a)/blocage-des-acces",
                      fields: [("phase", "999"), ("date", "2027-07-20"), ("time", "08:00")], allowed: establishmentAdmins, allowedStatus: .seeOther),
                Route(method: .POST, path: "etablissements/\(a)/corbeille/999999/restaurer", allowed: establishmentAdmins, allowedStatus: .notFound),
                Route(method: .POST, path: "console/changement", allowed: [.operatorAccount], allowedStatus: .seeOther),
                Route(method: .POST, path: "console/annulation", allowed: [.operatorAccount], allowedStatus: .seeOther),
                Route(method: .POST, path: "console/calendrier", fields: [("label", "x"), ("startsAt", "bad"), ("endsAt", "bad"), ("access", "closed")],
                      allowed: [.operatorAccount], allowedStatus: .seeOther),
                Route(method: .POST, path: "console/calendrier/999/suppression", allowed: [.operatorAccount], allowedStatus: .ok),
                Route(method: .GET, path: "console/imports", allowed: [.operatorAccount], allowedStatus: .ok),
                Route(method: .POST, path: "console/imports/envoi", allowed: [.operatorAccount], allowedStatus: .seeOther),
                Route(method: .POST, path: "console/imports/envoi/00000000-0000-0000-0000-000000000000/application",
                      allowed: [.operatorAccount], allowedStatus: .notFound),
                Route(method: .POST, path: "console/imports/depot/Complet_20240916/confirmation", allowed: [.operatorAccount],
                      allowedStatus: .notFound),
                Route(method: .GET, path: "emploi-du-temps", allowed: everyone, allowedStatus: .ok),
                Route(method: .GET, path: "etablissements/\(a)/emploi-du-temps", allowed: establishmentAdmins, allowedStatus: .ok),
                Route(method: .GET, path: "etablissements/\(a)/emploi-du-temps/imports/999999", allowed: establishmentAdmins,
                      allowedStatus: .notFound),
                Route(method: .POST, path: "etablissements/\(a)/emploi-du-temps/mode", fields: [("mode", "3")],
                      allowed: establishmentAdmins, allowedStatus: .ok),
                Route(method: .POST, path: "etablissements/\(a)/emploi-du-temps/garder", fields: [("date", "2026-07-15")],
                      allowed: establishmentAdmins, allowedStatus: .seeOther),
                Route(method: .POST, path: "etablissements/\(a)/emploi-du-temps/correspondances",
                      fields: [("kind", "class"), ("source", "6E X"), ("ignorer", "oui")], allowed: establishmentAdmins, allowedStatus: .seeOther),
                Route(method: .GET, path: "cahier-de-textes", allowed: [.teacherA], allowedStatus: .ok,
                      others: [.adminA: .seeOther, .headA: .seeOther, .staffA: .seeOther, .studentA: .seeOther, .parentA: .seeOther,
                               .adminB: .seeOther, .operatorAccount: .notFound]),
                Route(method: .GET, path: "cahier-de-textes/classes?etablissement=\(a)", allowed: membersOfA, allowedStatus: .ok),
                Route(method: .GET, path: "cahier-de-textes/classes?etablissement=\(a)&annee=1&classe=classe-1&matiere=1&mois=2026-03&page=2",
                      allowed: membersOfA, allowedStatus: .ok),
                Route(method: .GET, path: "cahier-de-textes/travail?etablissement=\(a)", allowed: [.studentA, .parentA], allowedStatus: .ok),
                Route(method: .GET, path: "cahier-de-textes/seances/999999?etablissement=\(a)", allowed: membersOfA, allowedStatus: .notFound),
                Route(method: .GET, path: "cahier-de-textes/seances/999999/suppression?etablissement=\(a)", allowed: membersOfA,
                      allowedStatus: .notFound),
                Route(method: .GET, path: "cahier-de-textes/devoirs/999999/suppression?etablissement=\(a)", allowed: membersOfA,
                      allowedStatus: .notFound),
                Route(method: .POST, path: "cahier-de-textes/seances/999999?etablissement=\(a)", fields: [("contenu", "x")],
                      allowed: membersOfA, allowedStatus: .notFound),
                Route(method: .POST, path: "cahier-de-textes/seances/999999/devoirs?etablissement=\(a)",
                      fields: [("echeance", "2026-06-18"), ("travail", "x")], allowed: membersOfA, allowedStatus: .notFound),
                Route(method: .POST, path: "cahier-de-textes/seances/999999/suppression?etablissement=\(a)", allowed: membersOfA,
                      allowedStatus: .notFound),
                Route(method: .POST, path: "cahier-de-textes/devoirs/999999/suppression?etablissement=\(a)", allowed: membersOfA,
                      allowedStatus: .notFound),
                Route(method: .GET, path: "cahier-de-textes/seances/999999/documents/1?etablissement=\(a)", allowed: membersOfA,
                      allowedStatus: .notFound),
                Route(method: .GET, path: "cahier-de-textes/seances/999999/documents/1/suppression?etablissement=\(a)", allowed: membersOfA,
                      allowedStatus: .notFound),
                Route(method: .POST, path: "cahier-de-textes/seances/999999/documents/1/suppression?etablissement=\(a)", allowed: membersOfA,
                      allowedStatus: .notFound),
                Route(method: .GET, path: "carnet-de-liaison?etablissement=\(a)", allowed: membersOfA, allowedStatus: .ok),
                Route(method: .GET, path: "carnet-de-liaison/999999?etablissement=\(a)", allowed: membersOfA, allowedStatus: .notFound),
                Route(method: .GET, path: "carnet-de-liaison/999999/impression?etablissement=\(a)", allowed: membersOfA, allowedStatus: .notFound),
                Route(method: .POST, path: "carnet-de-liaison/999999?etablissement=\(a)", fields: [("message", "x")], allowed: membersOfA,
                      allowedStatus: .notFound),
                Route(method: .POST, path: "carnet-de-liaison?etablissement=\(a)", fields: [("eleve", "999999"), ("objet", "x"), ("message", "y")],
                      allowed: [], allowedStatus: .forbidden),
                Route(method: .GET, path: "rubriques?etablissement=\(a)", allowed: membersOfA, allowedStatus: .ok),
                Route(method: .GET, path: "rubriques/999999?etablissement=\(a)", allowed: membersOfA, allowedStatus: .notFound),
                Route(method: .GET, path: "rubriques/999999/parametres?etablissement=\(a)", allowed: membersOfA, allowedStatus: .notFound),
                Route(method: .GET, path: "rubriques/999999/publications/1/suppression?etablissement=\(a)", allowed: membersOfA,
                      allowedStatus: .notFound),
                Route(method: .POST, path: "rubriques?etablissement=\(a)", fields: [("titre", "Rubrique du test")], allowed: [.adminA, .headA],
                      allowedStatus: .seeOther),
                Route(method: .POST, path: "rubriques/999999/parametres?etablissement=\(a)", fields: [("titre", "x")], allowed: membersOfA,
                      allowedStatus: .notFound),
                Route(method: .POST, path: "rubriques/999999/publications?etablissement=\(a)", fields: [("titre", "x"), ("texte", "y")],
                      allowed: membersOfA, allowedStatus: .notFound),
                Route(method: .POST, path: "rubriques/999999/publications/1/suppression?etablissement=\(a)", allowed: membersOfA,
                      allowedStatus: .notFound),
                Route(method: .POST, path: "rubriques/999999/roles?etablissement=\(a)", fields: [("identifiant", "x"), ("role", "reader")],
                      allowed: membersOfA, allowedStatus: .notFound),
                Route(method: .POST, path: "rubriques/999999/roles/1/suppression?etablissement=\(a)", allowed: membersOfA,
                      allowedStatus: .notFound),
                Route(method: .POST, path: "rubriques/999999/dossiers?etablissement=\(a)", fields: [("nom", "x")], allowed: membersOfA,
                      allowedStatus: .notFound),
                Route(method: .POST, path: "cahier-de-textes", fields: [("cours", "999999"), ("date", "2026-06-15"), ("contenu", "x")],
                      allowed: [.teacherA], allowedStatus: .notFound),
                Route(method: .GET, path: "api/v1/me/logbook/sessions?week=2026-06-15", allowed: [.teacherA], allowedStatus: .ok,
                      anonymousStatus: .unauthorized),
                Route(method: .POST, path: "api/v1/me/logbook/sessions",
                      fields: [("course_id", "999999"), ("date", "2026-06-15"), ("content", "x")],
                      allowed: [.teacherA], allowedStatus: .notFound, anonymousStatus: .unauthorized),
                Route(method: .GET, path: "messagerie", allowed: everyone, allowedStatus: .ok),
                Route(method: .GET, path: "messagerie/archives", allowed: everyone, allowedStatus: .ok),
                Route(method: .GET, path: "messagerie/envoyes", allowed: everyone, allowedStatus: .ok),
                Route(method: .GET, path: "messagerie/dossiers", allowed: everyone, allowedStatus: .ok),
                Route(method: .GET, path: "messagerie/dossiers/999999", allowed: everyone, allowedStatus: .notFound),
                Route(method: .GET, path: "messagerie/messages/999999", allowed: everyone, allowedStatus: .notFound),
                Route(method: .GET, path: "messagerie/nouveau", allowed: everyone, allowedStatus: .ok),
                Route(method: .GET, path: "messagerie/export", allowed: everyone, allowedStatus: .ok),
                Route(method: .POST, path: "messagerie/deplacer", fields: [("livraisons[]", "999999"), ("destination", "archives")],
                      allowed: everyone, allowedStatus: .seeOther),
                Route(method: .POST, path: "messagerie/dossiers/999999/suppression", allowed: everyone, allowedStatus: .notFound),
                Route(method: .GET, path: "rubriques/999999/documents/1?etablissement=\(a)", allowed: membersOfA, allowedStatus: .notFound),
                Route(method: .GET, path: "rubriques/999999/documents/1/suppression?etablissement=\(a)", allowed: membersOfA,
                      allowedStatus: .notFound),
                Route(method: .POST, path: "rubriques/999999/documents/1/suppression?etablissement=\(a)", allowed: membersOfA,
                      allowedStatus: .notFound),
                Route(method: .GET, path: "porte-documents", allowed: everyone, allowedStatus: .ok),
                Route(method: .GET, path: "porte-documents?dossier=999999", allowed: everyone, allowedStatus: .notFound),
                Route(method: .GET, path: "porte-documents/zip", allowed: everyone, allowedStatus: .ok),
                Route(method: .GET, path: "porte-documents/zip?dossier=999999", allowed: everyone, allowedStatus: .notFound),
                Route(method: .GET, path: "porte-documents/fichiers/999999", allowed: everyone, allowedStatus: .notFound),
                Route(method: .GET, path: "porte-documents/fichiers/999999/suppression", allowed: everyone, allowedStatus: .notFound),
                Route(method: .GET, path: "porte-documents/dossiers/999999/suppression", allowed: everyone, allowedStatus: .notFound),
                Route(method: .POST, path: "porte-documents/dossiers", fields: [("nom", "Dossier du test")], allowed: everyone,
                      allowedStatus: .seeOther),
                Route(method: .POST, path: "porte-documents/dossiers/999999/nom", fields: [("nom", "x")], allowed: everyone, allowedStatus: .notFound),
                Route(method: .POST, path: "porte-documents/dossiers/999999/deplacement", fields: [("destination", "racine")],
                      allowed: everyone, allowedStatus: .notFound),
                Route(method: .POST, path: "porte-documents/dossiers/999999/suppression", allowed: everyone, allowedStatus: .notFound),
                Route(method: .POST, path: "porte-documents/fichiers/999999/nom", fields: [("nom", "x")], allowed: everyone, allowedStatus: .notFound),
                Route(method: .POST, path: "porte-documents/fichiers/999999/deplacement", fields: [("destination", "racine")],
                      allowed: everyone, allowedStatus: .notFound),
                Route(method: .POST, path: "porte-documents/fichiers/999999/suppression", allowed: everyone, allowedStatus: .notFound),
                Route(method: .GET, path: "agenda", allowed: everyone, allowedStatus: .ok),
                Route(method: .GET, path: "agenda?semaine=2026-12-07", allowed: everyone, allowedStatus: .ok),
                Route(method: .GET, path: "agenda?mois=2026-12", allowed: everyone, allowedStatus: .ok),
                Route(method: .GET, path: "agenda/nouveau?date=2026-12-07", allowed: everyone, allowedStatus: .ok),
                Route(method: .GET, path: "agenda/agenda.ics", allowed: everyone, allowedStatus: .ok),
                Route(method: .GET, path: "agenda/evenements/999999", allowed: everyone, allowedStatus: .notFound),
                Route(method: .GET, path: "agenda/evenements/999999/suppression", allowed: everyone, allowedStatus: .notFound),
                Route(method: .POST, path: "agenda", fields: Self.event, allowed: everyone, allowedStatus: .seeOther),
                Route(method: .POST, path: "agenda/evenements/999999", fields: Self.event, allowed: everyone, allowedStatus: .notFound),
                Route(method: .POST, path: "agenda/evenements/999999/suppression", allowed: everyone, allowedStatus: .notFound),
                Route(method: .GET, path: "communications", allowed: everyone, allowedStatus: .ok),
                Route(method: .GET, path: "communications/nouvelle?etablissement=\(a)", allowed: [.adminA, .headA], allowedStatus: .ok),
                Route(method: .GET, path: "communications/historique?etablissement=\(a)", allowed: [.adminA, .headA], allowedStatus: .ok),
                Route(method: .GET, path: "communications?page=999999999999999999", allowed: everyone, allowedStatus: .ok),
                Route(method: .GET, path: "agenda?semaine=9999-12-31", allowed: everyone, allowedStatus: .badRequest),
                Route(method: .GET, path: "agenda?mois=1900-01", allowed: everyone, allowedStatus: .badRequest),
                Route(method: .GET, path: "cahier-de-textes/classes?etablissement=\(a)&page=-5", allowed: membersOfA, allowedStatus: .ok),
                Route(method: .POST, path: "communications?etablissement=\(a)",
                      fields: [("titre", "Réunion"), ("texte", "Mardi"), ("destinataires", "parents")], allowed: [.adminA, .headA],
                      allowedStatus: .seeOther),
                Route(method: .POST, path: "communications/999999/lu", allowed: everyone, allowedStatus: .notFound),
                Route(method: .GET, path: "vie-scolaire?etablissement=\(a)", allowed: membersOfA, allowedStatus: .seeOther),
                Route(method: .GET, path: "vie-scolaire/appel?etablissement=\(a)", allowed: [.teacherA], allowedStatus: .ok),
                Route(method: .GET, path: "vie-scolaire/appel/999999?etablissement=\(a)", allowed: [.teacherA], allowedStatus: .notFound),
                Route(method: .POST, path: "vie-scolaire/appel/999999?etablissement=\(a)", fields: [("etat-1", "absent")],
                      allowed: [.teacherA], allowedStatus: .notFound),
                Route(method: .GET, path: "vie-scolaire/suivi?etablissement=\(a)", allowed: [.studentA, .parentA], allowedStatus: .ok,
                      others: [.adminA: .notFound, .headA: .notFound, .teacherA: .notFound, .staffA: .notFound]),
                Route(method: .GET, path: "vie-scolaire/suivi?etablissement=\(a)&eleve=999999", allowed: [.adminA, .headA, .teacherA, .staffA],
                      allowedStatus: .notFound),
                Route(method: .GET, path: "vie-scolaire/absences?etablissement=\(a)", allowed: [.adminA, .headA, .staffA], allowedStatus: .ok),
                Route(method: .POST, path: "vie-scolaire/absences/999999?etablissement=\(a)", fields: [("justifiee", "1")],
                      allowed: [.adminA, .headA, .staffA], allowedStatus: .notFound),
                Route(method: .GET, path: "vie-scolaire/statistiques?etablissement=\(a)", allowed: [.adminA, .headA, .teacherA, .staffA],
                      allowedStatus: .ok),
                Route(method: .GET, path: "vie-scolaire/parametres?etablissement=\(a)", allowed: [.adminA, .headA, .teacherA, .staffA],
                      allowedStatus: .ok),
                Route(method: .POST, path: "vie-scolaire/parametres/appel?etablissement=\(a)", fields: [("delai", "15"), ("retard", "5")],
                      allowed: [.adminA, .headA], allowedStatus: .seeOther),
                Route(method: .POST, path: "vie-scolaire/parametres/motifs-punition?etablissement=\(a)", fields: [("libelle", "Bavardages")],
                      allowed: [.adminA, .headA], allowedStatus: .seeOther),
                Route(method: .GET, path: "vie-scolaire/parametres/motifs-punition/999999/suppression?etablissement=\(a)",
                      allowed: [.adminA, .headA], allowedStatus: .notFound),
                Route(method: .POST, path: "vie-scolaire/parametres/motifs-punition/999999/suppression?etablissement=\(a)",
                      allowed: [.adminA, .headA], allowedStatus: .notFound),
                Route(method: .GET, path: "formulaires?etablissement=\(a)", allowed: membersOfA, allowedStatus: .ok),
                Route(method: .GET, path: "formulaires/999999?etablissement=\(a)", allowed: membersOfA, allowedStatus: .notFound),
                Route(method: .GET, path: "formulaires/999999/reponses?etablissement=\(a)", allowed: membersOfA, allowedStatus: .notFound),
                Route(method: .GET, path: "formulaires/999999/reponses.csv?etablissement=\(a)", allowed: membersOfA, allowedStatus: .notFound),
                Route(method: .GET, path: "formulaires/999999/suppression?etablissement=\(a)", allowed: membersOfA, allowedStatus: .notFound),
                Route(method: .POST, path: "formulaires?etablissement=\(a)", fields: [("titre", "Sondage"), ("questions", "Une question ?")],
                      allowed: [.adminA, .headA, .teacherA, .staffA], allowedStatus: .seeOther),
                Route(method: .POST, path: "formulaires/999999?etablissement=\(a)", fields: [("reponse-1", "Oui")], allowed: membersOfA,
                      allowedStatus: .notFound),
                Route(method: .POST, path: "formulaires/999999/etat?etablissement=\(a)", fields: [("ouvert", "0")], allowed: membersOfA,
                      allowedStatus: .notFound),
                Route(method: .POST, path: "formulaires/999999/suppression?etablissement=\(a)", allowed: membersOfA, allowedStatus: .notFound),
                Route(method: .GET, path: "favoris", allowed: everyone, allowedStatus: .ok),
                Route(method: .GET, path: "favoris/999999/suppression", allowed: everyone, allowedStatus: .notFound),
                Route(method: .POST, path: "favoris", fields: [("titre", "Éduscol"), ("adresse", "https://eduscol.education.fr/")],
                      allowed: everyone, allowedStatus: .seeOther),
                Route(method: .POST, path: "favoris/999999", fields: [("titre", "x"), ("adresse", "/agenda")], allowed: everyone,
                      allowedStatus: .notFound),
                Route(method: .POST, path: "favoris/999999/suppression", allowed: everyone, allowedStatus: .notFound),
                Route(method: .GET, path: "preferences", allowed: everyone, allowedStatus: .ok),
                Route(method: .POST, path: "preferences", fields: [("elements_par_page", "50")], allowed: everyone, allowedStatus: .seeOther),
                Route(method: .POST, path: "deconnexion", allowed: [], allowedStatus: .seeOther),
            ]
            let accounts: [Who: Account] = [
                .operatorAccount: academy.operatorAccount, .adminA: academy.adminA, .headA: academy.headA, .teacherA: academy.teacherA,
                .staffA: academy.staffA, .studentA: academy.studentA, .parentA: academy.parentA, .adminB: academy.adminB,
            ]
            var sessions: [Who: (HTTPHeaders, String)] = [.anonymous: (HTTPHeaders(), "")]
            for (who, account) in accounts {
                let headers = try await app.logIn(account)
                sessions[who] = (headers, try await app.csrfToken(as: headers))
            }
            // act
            var wrong: [String] = []
            for route in routes {
                for who in Who.allCases {
                    let (headers, token) = sessions[who]!
                    let status = route.method == .GET
                        ? try await app.call(.GET, route.path, as: headers).status
                        : try await app.submit(route.path, as: headers, fields: route.fields + [("_csrf", token)], withToken: false).status
                    let expected: HTTPStatus = if route.path == "deconnexion" {
                        who == .anonymous ? .forbidden : .seeOther
                    } else if let other = route.others[who] {
                        other
                    } else if route.allowed.contains(who) {
                        route.allowedStatus
                    } else if who == .anonymous {
                        route.anonymousStatus ?? (route.method == .GET ? .seeOther : .forbidden)
                    } else {
                        .forbidden
                    }
                    if status != expected { wrong.append("\(route.method) \(route.path) as \(who): \(status.code), expected \(expected.code)") }
                }
            }
            // check
            #expect(wrong.isEmpty, "\(wrong.joined(separator: "\n"))")
        }
    }
}
