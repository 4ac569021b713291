import BasculeDomain
import Plot
import Vapor

/// Who a page is rendered for: their name, the token their forms carry, and the notice left by
/// the action that led here (post, redirect, get).
struct PageContext {
    let name: String
    let csrf: String
    let notice: String?
    /// The signed-in account, for what a page shows its own author differently.
    var accountID: Int?
    /// The path asked for, to mark the current page in the navigation.
    var path = ""
    /// The element the notice is about (the fragment of the address the action sent back to):
    /// the notice is shown inside it, where the reader's eyes are, rather than at the top.
    var noticeTarget: String?
}

extension Request {
    func pageContext(_ viewer: Viewer) -> PageContext {
        var context = pageContext(name: viewer.displayName)
        context.accountID = viewer.accountID
        return context
    }

    func pageContext(name: String) -> PageContext {
        let notice = session.data["notice"]
        let target = session.data["notice_target"]
        if notice != nil { session.data["notice"] = nil }
        if target != nil { session.data["notice_target"] = nil }
        return PageContext(name: name, csrf: CSRF.token(for: self), notice: notice, path: url.path, noticeTarget: target)
    }

    /// After a form's action: back to a page of Bascule, with a notice saying what was done.
    func redirect(to path: String, notice: String) -> Response {
        session.data["notice"] = notice
        // `…#dossier-12`: the notice goes next to that element of the page.
        if let fragment = path.split(separator: "#", maxSplits: 1).dropFirst().first,
           fragment.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) {
            session.data["notice_target"] = String(fragment)
        } else {
            session.data["notice_target"] = nil
        }
        return redirect(to: path, redirectType: .normal)
    }
}

/// The frame of every page: French, readable on a phone, usable without JavaScript.
struct Page {
    let title: String
    let context: PageContext?
    let content: Component
    /// Seconds after which the page reloads itself (a run's progress), if any. Chromium does not
    /// reload an address with a fragment (it only scrolls): such a page is reached without one.
    var refresh: Int?

    init(title: String, context: PageContext? = nil, refresh: Int? = nil, @ComponentBuilder content: () -> Component) {
        self.title = title
        self.context = context
        self.refresh = refresh
        self.content = content()
    }

    func render() -> String {
        let html = HTML(
            .lang(.french),
            .head(
                .encoding(.utf8),
                .viewport(.accordingToDevice),
                // Plot's `.title` also writes social-network tags whose values it does not escape:
                // a name from the feed must never reach the page unescaped.
                .element(named: "title", text: "\(title) — Bascule"),
                .unwrap(refresh) { .meta(.attribute(named: "http-equiv", value: "refresh"), .content(String($0))) },
                .stylesheet(Self.stylesheetPath)
            ),
            .body(
                .a(.href("#contenu"), .class("skip"), "Aller au contenu"),
                .header(
                    .class("site"),
                    .a(.href("/"), .class("brand"), "Bascule"),
                    .unwrap(context) { context in
                        .nav(.class("site"), .attribute(named: "aria-label", value: "Navigation principale"),
                             .forEach(Self.services) { link in
                                 // The password form is reached from the preferences.
                                 let path = context.path == "/mot-de-passe" ? "/preferences" : context.path
                                 let current = path == link.path || path.hasPrefix(link.path + "/")
                                 return .a(.href(link.path), .if(current, .attribute(named: "aria-current", value: "page")), .text(link.label))
                             })
                    },
                    .unwrap(context) { context in
                        .form(.action("/deconnexion"), .method(.post), .class("logout"),
                              .input(.type(.hidden), .name(CSRF.field), .value(context.csrf)),
                              .span(.text(context.name)), .button(.type(.submit), .text("Se déconnecter")))
                    }
                ),
                .main(.id("contenu"), .h1(.text(title)), .component(content))
            )
        ).render()
        // The notice goes inside the element the action sent the reader back to, else under the title.
        guard let notice = context?.notice else { return html }
        return PlacedNotice(target: context?.noticeTarget, notice: notice).insert(into: html)
    }

    func response(status: HTTPResponseStatus = .ok) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .html
        return Response(status: status, headers: headers, body: .init(string: render()))
    }

    static func error(status: HTTPResponseStatus, reason: String?, context: PageContext? = nil) -> Page {
        let title = switch status {
        case .notFound: "Page introuvable"
        case .forbidden: "Accès refusé"
        case .internalServerError: "Erreur du serveur"
        default: "Erreur \(status.code)"
        }
        return Page(title: title, context: context) {
            Paragraph(reason ?? "Une erreur inattendue s'est produite. Réessayez dans quelques instants.")
            Paragraph { Link("Revenir à l'accueil", url: "/") }
        }
    }

    /// The services every signed-in profile reaches: each page then shows what the profile may
    /// do there (a teacher's week to fill, a student's homework, a child's timetable).
    static let services: [(path: String, label: String)] = [
        ("/accueil", "Accueil"), ("/messagerie", "Messagerie"), ("/emploi-du-temps", "Emploi du temps"),
        ("/cahier-de-textes", "Cahier de textes"), ("/rubriques", "Rubriques"), ("/vie-scolaire", "Vie scolaire"), ("/carnet-de-liaison", "Carnet de liaison"),
        ("/porte-documents", "Porte-documents"), ("/agenda", "Agenda"), ("/communications", "Communications"),
        ("/formulaires", "Formulaires"),
        ("/favoris", "Favoris"), ("/preferences", "Préférences"),
    ]

    /// The one stylesheet (the content security policy allows no inline style).
    static let stylesheetPath = "/bascule.css"

    static let css = """
    :root{--ink:#1b1b1b;--accent:#000091;--muted:#555;--line:#ddd}
    *{box-sizing:border-box}
    body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);line-height:1.5}
    header.site{display:flex;flex-wrap:wrap;gap:1rem;justify-content:space-between;align-items:center;padding:.75rem 1rem;border-bottom:3px solid var(--accent)}
    .brand{font-weight:700;font-size:1.25rem;color:var(--accent);text-decoration:none}
    .logout{display:flex;gap:.5rem;align-items:center}
    main{max-width:60rem;margin:0 auto;padding:1rem}
    h1{font-size:1.6rem}
    a{color:var(--accent)}
    a:focus,button:focus,input:focus{outline:3px solid #fc5d00;outline-offset:2px}
    button{background:var(--accent);color:#fff;border:0;padding:.5rem 1rem;border-radius:4px;font-size:1rem;cursor:pointer}
    label{display:block;margin-top:1rem;font-weight:600}
    input[type=text],input[type=password]{display:block;width:100%;max-width:24rem;padding:.5rem;font-size:1rem;border:1px solid #666;border-radius:4px}
    .alert{border-left:4px solid #ce0500;background:#fee;padding:.5rem 1rem}
    .card{border:1px solid var(--line);border-radius:6px;padding:1rem;margin:1rem 0}
    table{border-collapse:collapse;width:100%}
    th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid var(--line)}
    .muted{color:var(--muted)}
    .notice{border-left:4px solid #18753c;background:#e8f5ec;padding:.5rem 1rem}
    .done{color:#18753c;font-weight:600}
    .todo{color:#b34000;font-weight:600}
    .actions{display:flex;flex-wrap:wrap;gap:.5rem;margin:.5rem 0}
    .actions form{margin:0}
    button.secondary{background:#fff;color:var(--accent);border:1px solid var(--accent)}
    button.danger{background:#ce0500}
    fieldset{border:1px solid var(--line);border-radius:4px}
    ul.choices{list-style:none;padding-left:0}
    ul.choices label{display:inline;font-weight:400;margin:0}
    nav.sub{display:flex;flex-wrap:wrap;gap:1rem;margin:.5rem 0 1rem}
    input[type=date],input[type=time],input[type=search],select{padding:.4rem;font-size:1rem;border:1px solid #666;border-radius:4px}
    td label,label.inline{display:inline;margin:0;font-weight:400}
    nav.site{display:flex;flex-wrap:wrap;gap:1rem}
    .week{display:grid;grid-template-columns:repeat(auto-fit,minmax(9rem,1fr));gap:.5rem}
    .day h2,.day h3{font-size:1rem;margin:.25rem 0;border-bottom:2px solid var(--accent)}
    ul.courses{list-style:none;padding:0;margin:0}
    ul.courses li{border:1px solid var(--line);border-left:4px solid var(--accent);border-radius:4px;padding:.35rem .5rem;margin:.35rem 0}
    ul.courses p{margin:0}
    .subject{font-weight:600}
    .session{white-space:pre-line}
    textarea{display:block;width:100%;max-width:40rem;padding:.5rem;font-size:1rem;border:1px solid #666;border-radius:4px;margin-bottom:.5rem}
    ul.messages{list-style:none;padding:0}
    ul.messages li{display:grid;grid-template-columns:auto 1fr;gap:0 .75rem;align-items:start;border-bottom:1px solid var(--line);padding:.5rem 0}
    ul.messages li a,ul.messages li p{grid-column:2;margin:0}
    ul.messages li.unread a{font-weight:700}
    a.button{background:var(--accent);color:#fff;padding:.4rem .8rem;border-radius:4px;text-decoration:none}
    [aria-current=page]{font-weight:700;text-decoration-thickness:3px}
    .skip{position:absolute;left:-100rem}
    .skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem;z-index:1}
    .visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
    input[type=file]{display:block;margin:.25rem 0}
    details{margin:.5rem 0}
    @media print{header.site,nav.sub,form,.skip{display:none}main{max-width:none}}
    table.month td{vertical-align:top;width:14%}
    table.month td.other{color:var(--muted)}
    table.month ul.events{list-style:none;padding:0;margin:0;font-size:.9rem}
    .daynumber{margin:0;font-weight:600}
    @media (max-width:40rem){table{display:block;overflow-x:auto}main{padding:.5rem}.week{display:block}
    table.reflow,table.month{display:block;overflow:visible}table.reflow thead,table.month thead{display:none}
    table.reflow tbody,table.reflow tr,table.reflow td,table.reflow th,table.month tbody,table.month tr,table.month td{display:block;width:auto}
    table.reflow tr{border-bottom:2px solid var(--line);padding:.5rem 0}table.reflow td,table.reflow th{border:0;padding:.1rem 0}
    table.reflow td[data-label]::before{content:attr(data-label) "\\a0: ";font-weight:600}
    table.month td.other,table.month td:not(:has(li)):not(.today){display:none}}
    """
}
