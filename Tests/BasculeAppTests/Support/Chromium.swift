import Foundation
import NIOConcurrencyHelpers
import Vapor
import WebSocketKit

/// A real headless Chromium (Debian's `chromium`), driven over the DevTools protocol: one page,
/// navigation, JavaScript to read the page and press its buttons, downloads into a folder, and
/// screenshots (written when `BASCULE_SCREENSHOTS` names a folder).
final class Chromium: @unchecked Sendable {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    private let process: Process
    private let profile: URL
    let downloads: URL
    private let socket: WebSocket
    private let pending = NIOLockedValueBox<[Int: CheckedContinuation<[String: Any], any Error>]>([:])
    private let nextID = NIOLockedValueBox(0)
    private var session = ""

    static var executable: String? {
        ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    private init(process: Process, profile: URL, downloads: URL, socket: WebSocket) {
        self.process = process
        self.profile = profile
        self.downloads = downloads
        self.socket = socket
    }

    static func launch(on group: any EventLoopGroup) async throws -> Chromium {
        guard let executable else { throw Failure(description: "Chromium introuvable : installez le paquet Debian « chromium ».") }
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("bascule-chromium-\(UUID().uuidString)")
        let downloads = profile.appendingPathComponent("downloads")
        try FileManager.default.createDirectory(at: downloads, withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                             "--remote-debugging-port=0", "--user-data-dir=\(profile.path)", "--window-size=1280,1600", "about:blank"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Chromium writes the port it listens on, and the browser's path, into its profile.
        let portFile = profile.appendingPathComponent("DevToolsActivePort")
        var lines: [String] = []
        for _ in 0..<300 where lines.count < 2 {
            try await Task.sleep(for: .milliseconds(100))
            lines = ((try? String(contentsOf: portFile, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
        }
        guard lines.count >= 2 else {
            process.terminate()
            throw Failure(description: "Chromium n'a pas ouvert son port de débogage")
        }
        // The socket's handlers are set on its event loop, when it opens; they hand the text to
        // the browser object once it exists.
        let inbox = NIOLockedValueBox<(@Sendable (String) -> Void)?>(nil)
        let opened = group.any().makePromise(of: WebSocket.self)
        WebSocket.connect(to: "ws://127.0.0.1:\(lines[0])\(lines[1])", configuration: .init(maxFrameSize: 1 << 26), on: group) { socket in
            socket.onText { _, text in inbox.withLockedValue { $0 }?(text) }
            opened.succeed(socket)
        }.whenFailure { opened.fail($0) }
        let browser = Chromium(process: process, profile: profile, downloads: downloads, socket: try await opened.futureResult.get())
        inbox.withLockedValue { $0 = { browser.receive($0) } }
        let target = try await browser.send("Target.createTarget", ["url": "about:blank"], inSession: false)
        let attached = try await browser.send("Target.attachToTarget", ["targetId": target["targetId"] as! String, "flatten": true],
                                              inSession: false)
        browser.session = attached["sessionId"] as! String
        _ = try await browser.send("Browser.setDownloadBehavior", ["behavior": "allow", "downloadPath": downloads.path], inSession: false)
        _ = try await browser.send("Page.enable")
        // A page in the background has its timers throttled, its meta refresh with them.
        _ = try await browser.send("Page.bringToFront")
        return browser
    }

    func close() async {
        try? await socket.close()
        process.terminate()
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: profile)
    }

    private func receive(_ text: String) {
        guard let message = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
              let id = message["id"] as? Int,
              let continuation = pending.withLockedValue({ $0.removeValue(forKey: id) }) else { return }
        if let error = message["error"] as? [String: Any] {
            continuation.resume(throwing: Failure(description: "DevTools : \(error["message"] ?? error)"))
        } else {
            continuation.resume(returning: message["result"] as? [String: Any] ?? [:])
        }
    }

    @discardableResult
    func send(_ method: String, _ params: [String: Any] = [:], inSession: Bool = true) async throws -> [String: Any] {
        let id = nextID.withLockedValue { $0 += 1; return $0 }
        var message: [String: Any] = ["id": id, "method": method, "params": params]
        if inSession { message["sessionId"] = session }
        let text = String(decoding: try JSONSerialization.data(withJSONObject: message), as: UTF8.self)
        return try await withCheckedThrowingContinuation { continuation in
            pending.withLockedValue { $0[id] = continuation }
            socket.send(text)
        }
    }

    /// Evaluates JavaScript in the page and returns its value (awaiting a promise).
    @discardableResult
    func evaluate(_ script: String) async throws -> Any? {
        let result = try await send("Runtime.evaluate", ["expression": script, "returnByValue": true, "awaitPromise": true])
        if let exception = result["exceptionDetails"] as? [String: Any] {
            throw Failure(description: "JavaScript : \((exception["exception"] as? [String: Any])?["description"] ?? exception)")
        }
        return (result["result"] as? [String: Any])?["value"]
    }

    func open(_ url: String) async throws {
        try await send("Page.navigate", ["url": url])
        try await waitForPage { $0.contains(url.split(separator: "?")[0]) }
    }

    /// Clicks what the selector finds (a submit button: the page it leads to is then awaited
    /// by `waitForPage`).
    func click(_ selector: String) async throws {
        let found = try await evaluate("""
            (() => { const e = document.querySelector(\(Self.quoted(selector))); if (!e) return false; e.click(); return true })()
            """) as? Bool
        guard found == true else { throw Failure(description: "rien ne correspond à « \(selector) » sur \(try await location())") }
    }

    func fill(_ selector: String, _ value: String) async throws {
        try await evaluate("document.querySelector(\(Self.quoted(selector))).value = \(Self.quoted(value))")
    }

    /// Chooses `file` in the file input the selector finds, as a person picking it would.
    func attach(_ selector: String, file: URL) async throws {
        let document = try await send("DOM.getDocument")
        guard let root = (document["root"] as? [String: Any])?["nodeId"] as? Int,
              let node = try await send("DOM.querySelector", ["nodeId": root, "selector": selector])["nodeId"] as? Int, node != 0
        else { throw Failure(description: "aucun champ de fichier « \(selector) » sur \(try await location())") }
        try await send("DOM.setFileInputFiles", ["nodeId": node, "files": [file.path]])
    }

    func location() async throws -> String { try await evaluate("location.href") as? String ?? "" }
    func text() async throws -> String { try await evaluate("document.body ? document.body.innerText : ''") as? String ?? "" }

    /// Waits until a loaded page's address meets `condition` (long: CI runs the whole suite at
    /// once on two cores).
    func waitForPage(timeout: Duration = .seconds(180), _ condition: (String) -> Bool) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let state = try? await evaluate("document.readyState") as? String, state == "complete",
               let href = try? await location(), condition(href) { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw Failure(description: "page attendue non chargée ; on est sur \(try await location())")
    }

    /// Clicks a submit button and waits for the page it leads to; clicks again if, a minute on,
    /// the browser is still where it was: on a loaded CI machine Chromium once dropped the
    /// submission that followed a download. Only for idempotent actions (logging in or out).
    func clickUntilPage(_ selector: String, attempts: Int = 3, _ condition: (String) -> Bool) async throws {
        for attempt in 1...attempts {
            // The page may have come after the wait gave up: then there is nothing to click again.
            if attempt > 1, (try? await waitForPage(timeout: .seconds(1), condition)) != nil { return }
            try await click(selector)
            do {
                try await waitForPage(timeout: .seconds(60), condition)
                return
            } catch where attempt < attempts {
                continue
            }
        }
    }

    /// Waits for the page text to contain `needle`.
    /// Long enough for a background year change on a busy two-core machine (it took 136 s on
    /// PostgreSQL while other builds ran).
    func waitForText(_ needle: String, timeout: Duration = .seconds(420)) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let text = try? await text(), text.contains(needle) { return }
            try await Task.sleep(for: .milliseconds(200))
        }
        throw Failure(description: "« \(needle) » n'apparaît pas sur \(try await location()) :\n\(try await text().prefix(3000))")
    }

    /// Waits for a finished download and returns its file.
    func download(named suffix: String, timeout: Duration = .seconds(180)) async throws -> URL {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: downloads.path)) ?? []
            if let name = files.first(where: { $0.hasSuffix(suffix) }) { return downloads.appendingPathComponent(name) }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw Failure(description: "aucun téléchargement « *\(suffix) »")
    }

    /// Saves a screenshot of the page as `name.png` in `BASCULE_SCREENSHOTS`, if set.
    func screenshot(_ name: String) async throws {
        guard let folder = ProcessInfo.processInfo.environment["BASCULE_SCREENSHOTS"], !folder.isEmpty else { return }
        let shot = try await send("Page.captureScreenshot", ["format": "png", "captureBeyondViewport": true])
        guard let base64 = shot["data"] as? String, let data = Data(base64Encoded: base64) else { return }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try data.write(to: URL(fileURLWithPath: folder).appendingPathComponent("\(name).png"))
    }

    private static func quoted(_ text: String) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: [text]), as: UTF8.self).dropFirst().dropLast().description
    }
}

extension Chromium {
    /// Logs in through the login page as `login`, with the test academy's password.
    func logIn(at site: String, as login: String) async throws {
        try await open("\(site)/connexion")
        try await fill("#login", login)
        try await fill("#password", TestAcademy.password)
        // Signing in again is harmless: a submission dropped by a loaded machine is retried.
        try await clickUntilPage("form[action='/connexion'] button[type='submit']") { $0.hasSuffix("/accueil") }
    }
}

extension Application {
    /// Serves the app on a free local port for a browser; the test shuts the server down.
    func serveOnLocalPort() async throws -> String {
        try await server.start(address: .hostname("127.0.0.1", port: 0))
        guard let port = http.server.shared.localAddress?.port else { throw Chromium.Failure(description: "aucun port d'écoute") }
        return "http://127.0.0.1:\(port)"
    }
}
