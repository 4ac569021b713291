import BasculeDomain
import Plot

/// « Vie scolaire »'s own menu, with what the profile does there: a teacher's roll calls, the
/// office's absences, the personnel's statistics, a student's or a parent's follow-up.
struct SchoolLifeMenu {
    let uai: String
    let teaches: Bool
    let handlesOffice: Bool
    let isPersonnel: Bool
    let followsStudent: Bool

    init(_ viewer: Viewer, establishmentID: Int, uai: String) {
        let kinds = viewer.kinds(in: establishmentID)
        self.uai = uai
        teaches = kinds.contains(.teacher)
        handlesOffice = viewer.handlesSchoolLife(of: establishmentID)
        isPersonnel = viewer.isPersonnel(of: establishmentID)
        followsStudent = kinds.contains(.student) || kinds.contains(.parent)
    }

    static func path(_ page: String, uai: String) -> String { "/vie-scolaire/\(page)?etablissement=\(uai)" }

    /// Where `/vie-scolaire` leads each profile.
    var home: String? {
        if teaches { return Self.path("appel", uai: uai) }
        if handlesOffice { return Self.path("absences", uai: uai) }
        if followsStudent { return Self.path("suivi", uai: uai) }
        if isPersonnel { return Self.path("statistiques", uai: uai) }
        return nil
    }

    func component(current: String) -> Component {
        var links: [(String, String)] = []
        if teaches { links.append(("appel", "Appel")) }
        if handlesOffice { links.append(("absences", "Absences")) }
        if isPersonnel { links.append(("statistiques", "Statistiques")) }
        if followsStudent { links.append(("suivi", "Absences et punitions")) }
        if isPersonnel { links.append(("parametres", "Paramètres")) }
        return Node<HTML.BodyContext>.nav(
            .class("sub"), .attribute(named: "aria-label", value: "Vie scolaire"),
            .forEach(links) { key, label in
                .a(.href(Self.path(key, uai: uai)), .if(key == current, .attribute(named: "aria-current", value: "page")), .text(label))
            }
        )
    }
}
