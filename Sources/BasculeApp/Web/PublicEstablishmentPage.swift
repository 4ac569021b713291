import BasculeStorage
import Plot

/// The public page of an establishment: served without login, and during closures.
enum PublicEstablishmentPage {
    static func page(_ establishment: Establishment, classCount: Int, context: PageContext?) -> Page {
        Page(title: establishment.name, context: context) {
            Node<HTML.BodyContext>.dl(
                .dt("Type"), .dd(.text(establishment.kind.label)),
                .dt("Code UAI"), .dd(.text(establishment.uai.code)),
                .dt("Académie"), .dd(.text(establishment.academy)),
                .dt("Classes cette année"), .dd(.text(String(classCount)))
            )
            if context == nil {
                Paragraph { Link("Se connecter à l'ENT", url: "/connexion") }
            }
        }
    }
}
