import BasculeDomain
import BasculeStorage
import SQLKit
import Testing
import Vapor
@testable import BasculeApp

@Suite("Section pages: the tree, a section's settings and roles, publications on the home page and the public site")
struct SectionPagesTests {
    /// Creates a section from the tree's form as `headers` and returns its id, read off the redirection.
    static func create(_ title: String, temporary: Bool, uai: String, as headers: HTTPHeaders, _ app: Application) async throws -> Int {
        let created = try await app.submit("rubriques?etablissement=\(uai)", as: headers,
                                           fields: [("titre", title)] + (temporary ? [("temporaire", "oui")] : []))
        let location = try #require(created.headers.first(name: .location))
        return try #require(Int(location.dropFirst("/rubriques/".count).prefix { $0.isNumber }))
    }

    @Test("An administrator unticks « Rubrique temporaire »: after the change that section's publication stays on the public site, a temporary one's leaves it")
    func keptSectionStaysPublic() async throws {
        try await withTestApp { app in
            // setup
            let fixture = try await YearChangeFixture.make(app)
            let uai = fixture.uaiA
            let admin = try await app.logIn(fixture.academy.adminA)
            let kept = try await Self.create("Club théâtre", temporary: true, uai: uai, as: admin, app)
            let dropped = try await Self.create("Sortie au musée", temporary: true, uai: uai, as: admin, app)
            for (section, title) in [(kept, "Spectacle de fin d'année"), (dropped, "Visite du 12 mai")] {
                let published = try await app.submit("rubriques/\(section)/publications?etablissement=\(uai)", as: admin,
                                                     fields: [("titre", title), ("texte", "Venez nombreux."), ("site_public", "oui")])
                try #require(published.status == .seeOther)
            }
            // act
            let settings = try await app.call(.GET, "rubriques/\(kept)/parametres?etablissement=\(uai)", as: admin).body.string
            let saved = try await app.submit("rubriques/\(kept)/parametres?etablissement=\(uai)", as: admin, fields: [("titre", "Club théâtre")])
            let before = try await app.call(.GET, "etablissements/\(uai)", as: HTTPHeaders()).body.string
            _ = try await fixture.run()
            let after = try await app.call(.GET, "etablissements/\(uai)", as: HTTPHeaders()).body.string
            let admin2 = try await app.logIn(fixture.academy.adminA)
            let intoArchive = try await app.submit("rubriques/\(dropped)/publications?etablissement=\(uai)", as: admin2,
                                                   fields: [("titre", "Retour sur le site"), ("texte", "x"), ("site_public", "oui")])
            // check
            #expect(settings.contains(#"id="temporaire" name="temporaire" value="oui" checked"#))
            #expect(saved.status == .seeOther)
            #expect(try await fixture.count("sections WHERE id = \(bind: kept) AND is_temporary = \(bind: false)") == 1)
            #expect(before.contains("Spectacle de fin d'année") && before.contains("Visite du 12 mai"))
            #expect(after.contains("Spectacle de fin d'année"))
            #expect(!after.contains("Visite du 12 mai"))
            #expect(intoArchive.status == .forbidden)
            #expect(try await fixture.count("publications WHERE title = 'Retour sur le site'") == 0)
        }
    }

    @Test("A section with roles is read by its role holders only; a manager gives roles but not settings; only managers diffuse; a student neither creates nor publishes")
    func rolesAndRefusals() async throws {
        try await withTestApp { app in
            // setup
            let f = try await ServiceFixtures.make(app)
            let uai = f.uaiA
            let (admin, teacher, student) = (try await app.logIn(f.academy.adminA), try await app.logIn(f.academy.teacherA),
                                             try await app.logIn(f.academy.studentA))
            let open = try await Self.create("Vie du collège <script>", temporary: false, uai: uai, as: admin, app)
            let council = try await Self.create("Conseil pédagogique", temporary: false, uai: uai, as: admin, app)
            let given = try await app.submit("rubriques/\(council)/roles?etablissement=\(uai)", as: admin,
                                             fields: [("identifiant", f.academy.teacherA.login), ("role", "manager")])
            // act
            let treeByStudent = try await app.call(.GET, "rubriques?etablissement=\(uai)", as: student).body.string
            let councilByStudent = try await app.call(.GET, "rubriques/\(council)?etablissement=\(uai)", as: student)
            let councilByTeacher = try await app.call(.GET, "rubriques/\(council)?etablissement=\(uai)", as: teacher).body.string
            let settingsByTeacher = try await app.call(.GET, "rubriques/\(council)/parametres?etablissement=\(uai)", as: teacher)
            let settingsByStudent = try await app.call(.GET, "rubriques/\(open)/parametres?etablissement=\(uai)", as: student)
            let renameByTeacher = try await app.submit("rubriques/\(council)/parametres?etablissement=\(uai)", as: teacher,
                                                       fields: [("titre", "Renommé")])
            let diffusedByStaff = try await app.submit("rubriques/\(open)/publications?etablissement=\(uai)", as: try await app.logIn(f.academy.staffA),
                                                       fields: [("titre", "Annonce"), ("texte", "z"), ("site_public", "oui")])
            let unknownLogin = try await app.submit("rubriques/\(council)/roles?etablissement=\(uai)", as: teacher,
                                                    fields: [("identifiant", "personne.inconnue"), ("role", "reader")])
            let readerGiven = try await app.submit("rubriques/\(council)/roles?etablissement=\(uai)", as: teacher,
                                                   fields: [("identifiant", f.academy.studentA.login), ("role", "reader")])
            let councilByReader = try await app.call(.GET, "rubriques/\(council)?etablissement=\(uai)", as: student)
            let createByStudent = try await app.submit("rubriques?etablissement=\(uai)", as: student, fields: [("titre", "Pirate")])
            let publishByStudent = try await app.submit("rubriques/\(open)/publications?etablissement=\(uai)", as: student,
                                                        fields: [("titre", "x"), ("texte", "y")])
            let publishByTeacher = try await app.submit("rubriques/\(open)/publications?etablissement=\(uai)", as: teacher,
                                                        fields: [("titre", "Compte rendu"), ("texte", "Pour les collègues")])
            let publishByAdmin = try await app.submit("rubriques/\(open)/publications?etablissement=\(uai)", as: admin,
                                                      fields: [("titre", "Sortie <b>"), ("texte", "Le 3 juin"), ("accueil", "oui")])
            let home = try await app.call(.GET, "accueil", as: student).body.string
            let otherEstablishment = try await app.call(.GET, "rubriques/\(open)?etablissement=\(uai)", as: try await app.logIn(f.academy.adminB))
            // check
            #expect(given.status == .seeOther)
            #expect(treeByStudent.contains("Vie du collège &lt;script&gt;") && !treeByStudent.contains("Conseil pédagogique"))
            #expect(councilByStudent.status == .notFound)
            #expect(councilByTeacher.contains("Conseil pédagogique") && !councilByTeacher.contains("Paramètres de la rubrique")
                    && councilByTeacher.contains("Rôles de la rubrique"))
            #expect(settingsByTeacher.status == .ok && !settingsByTeacher.body.string.contains("id=\"parametres\"")
                    && settingsByTeacher.body.string.contains("id=\"nouveau-role\""))
            #expect(settingsByStudent.status == .forbidden && renameByTeacher.status == .forbidden)
            #expect(diffusedByStaff.status == .forbidden)
            #expect(unknownLogin.status == .seeOther)
            #expect(readerGiven.status == .seeOther && councilByReader.status == .ok)
            #expect(createByStudent.status == .forbidden && publishByStudent.status == .forbidden)
            #expect(publishByTeacher.status == .seeOther && publishByAdmin.status == .seeOther)
            #expect(!home.contains("Compte rendu"))
            #expect(home.contains("Sortie &lt;b&gt;") && home.contains("Le 3 juin"))
            #expect(otherEstablishment.status == .forbidden)
            #expect(try await app.sql.raw("SELECT COUNT(*) AS n FROM sections WHERE title = 'Pirate'").first(decodingColumn: "n", as: Int.self) == 0)
        }
    }

    @Test("The recycle bin is the administrators', the archive containers the personnel's; neither offers a sub-section; the tree reads « É » before « V »")
    func containers() async throws {
        try await withTestApp { app in
            // setup
            let academy = try await TestAcademy.make(app)
            let uai = academy.establishmentA.uai.code
            let (admin, teacher, student, parent) = (try await app.logIn(academy.adminA), try await app.logIn(academy.teacherA),
                                                     try await app.logIn(academy.studentA), try await app.logIn(academy.parentA))
            let e = try academy.establishmentA.requireID()
            for (title, kind) in [("Corbeille", "recycle_bin"), ("Archives", "archives"), ("Vie scolaire", "standard"), ("Éducation", "standard")] {
                try await app.sql.raw("""
                    INSERT INTO sections (establishment_id, kind, is_temporary, title, created_on)
                    VALUES (\(bind: e), \(bind: kind), \(bind: false), \(bind: title), '2025-09-01')
                    """).run()
            }
            let bin = try #require(try await app.sql.raw("SELECT id FROM sections WHERE kind = 'recycle_bin' AND establishment_id = \(bind: e)")
                .first(decodingColumn: "id", as: Int.self))
            // act
            func tree(_ who: HTTPHeaders) async throws -> String { try await app.call(.GET, "rubriques?etablissement=\(uai)", as: who).body.string }
            let (byAdmin, byTeacher, byStudent, byParent) = (try await tree(admin), try await tree(teacher), try await tree(student), try await tree(parent))
            let binByAdmin = try await app.call(.GET, "rubriques/\(bin)?etablissement=\(uai)", as: admin).body.string
            let binByTeacher = try await app.call(.GET, "rubriques/\(bin)?etablissement=\(uai)", as: teacher)
            // check
            #expect(byAdmin.contains(">Corbeille<") && byAdmin.contains(">Archives<"))
            #expect(!byTeacher.contains(">Corbeille<") && byTeacher.contains(">Archives<"))
            for page in [byStudent, byParent] { #expect(!page.contains(">Corbeille<") && !page.contains(">Archives<") && page.contains(">Vie scolaire<")) }
            // In the tree, not the menu (which has its own « Vie scolaire »).
            let studentTree = byStudent.components(separatedBy: "<main").last ?? ""
            #expect(try #require(studentTree.range(of: ">Éducation<")).lowerBound < (try #require(studentTree.range(of: ">Vie scolaire<"))).lowerBound)
            #expect(!binByAdmin.contains("Nouvelle sous-rubrique") && binByTeacher.status == .notFound)
        }
    }

    @Test("A shared folder's documents: a contributor deposits them, a reader downloads them sandboxed, neither a reader nor another establishment deposits or deletes")
    func sharedDocuments() async throws {
        try await withTestApp { app in
            // setup
            let academy = try await TestAcademy.make(app)
            let uai = academy.establishmentA.uai.code
            let (admin, student, outsider) = (try await app.logIn(academy.adminA), try await app.logIn(academy.studentA), try await app.logIn(academy.adminB))
            let section = try await Self.create("Vie de l'établissement", temporary: false, uai: uai, as: admin, app)
            _ = try await app.submit("rubriques/\(section)/dossiers?etablissement=\(uai)", as: admin, fields: [("nom", "Menus")])
            let folder = try #require(try await app.sql.raw("SELECT id FROM shared_folders WHERE section_id = \(bind: section)")
                .first(decodingColumn: "id", as: Int.self))
            let upload = "rubriques/\(section)/dossiers/\(folder)/documents?etablissement=\(uai)"
            // act
            let deposited = try await app.upload(upload, as: admin, files: [("fichiers", "menu<b>.txt", "Lundi : lentilles\n")])
            let document = try #require(try await app.sql.raw("SELECT id FROM shared_documents WHERE folder_id = \(bind: folder)")
                .first(decodingColumn: "id", as: Int.self))
            let page = try await app.call(.GET, "rubriques/\(section)?etablissement=\(uai)", as: student).body.string
            let download = try await app.call(.GET, "rubriques/\(section)/documents/\(document)?etablissement=\(uai)", as: student)
            let byStudent = try await app.upload(upload, as: student, files: [("fichiers", "pirate.txt", "x")])
            let deleteByStudent = try await app.submit("rubriques/\(section)/documents/\(document)/suppression?etablissement=\(uai)", as: student)
            let byOutsider = try await app.call(.GET, "rubriques/\(section)/documents/\(document)?etablissement=\(uai)", as: outsider)
            let confirmation = try await app.call(.GET, "rubriques/\(section)/documents/\(document)/suppression?etablissement=\(uai)", as: admin)
            let deleted = try await app.submit("rubriques/\(section)/documents/\(document)/suppression?etablissement=\(uai)", as: admin)
            let left = try await app.sql.raw("SELECT COUNT(*) AS n FROM shared_documents WHERE folder_id = \(bind: folder)")
                .first(decodingColumn: "n", as: Int.self)
            // check
            #expect(deposited.status == .seeOther)
            #expect(page.contains("menu&lt;b&gt;.txt") && !page.contains("Déposer des documents"))
            #expect(download.status == .ok && download.body.string == "Lundi : lentilles\n")
            #expect(download.headers.first(name: "Content-Security-Policy")?.contains("sandbox") == true)
            #expect(byStudent.status == .forbidden && deleteByStudent.status == .forbidden && byOutsider.status == .forbidden)
            #expect(confirmation.body.string.contains("Oui, supprimer") && deleted.status == .seeOther && left == 0)
        }
    }
}
