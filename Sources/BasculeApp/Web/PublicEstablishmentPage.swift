import BasculeDomain
import BasculeStorage
import Plot

/// The public page of an establishment: served without login, and during closures.
enum PublicEstablishmentPage {
    static func page(_ establishment: Establishment, classCount: Int, publications: [PublicationLine], context: PageContext?) -> Page {
        Page(title: establishment.name, context: context) {
            Node<HTML.BodyContext>.dl(
                .dt("Type"), .dd(.text(establishment.kind.label)),
                .dt("Code UAI"), .dd(.text(establishment.uai.code)),
                .dt("Académie"), .dd(.text(establishment.academy)),
                .dt("Classes cette année"), .dd(.text(String(classCount)))
            )
            if !publications.isEmpty {
                H2("Actualités")
                for publication in publications { PublicationCard(publication: publication) }
            }
            if context == nil {
                Paragraph { Link("Se connecter à l'ENT", url: "/connexion") }
            }
        }
    }
}

/// A publication diffused on a home page or the public site.
struct PublicationCard: Component {
    let publication: PublicationLine

    var body: Component {
        Div {
            H3(publication.title)
            if let date = try? CalendarDate(iso: publication.published_on) {
                Paragraph("Publiée le \(French.date(date))").class("muted")
            }
            Paragraph(publication.body).class("session")
        }.class("card")
    }
}
