import Foundation
import Vapor

extension Application {
    private struct FeedInboxKey: StorageKey { typealias Value = FeedInbox }

    /// The drop folder, when `BASCULE_AAF_INBOX` names one.
    var feedInbox: FeedInbox? {
        get { storage[FeedInboxKey.self] }
        set { storage[FeedInboxKey.self] = newValue }
    }

    /// Scans the drop folder every `FeedInbox.interval` while the server runs (every instance
    /// does: the folder's lock makes one of them do the work).
    func watchFeedInbox() {
        guard let inbox = feedInbox else { return }
        let logger = logger
        let task = Task.detached {
            while !Task.isCancelled {
                do { try await inbox.scan() } catch { logger.error("boîte de dépôt AAF : \(String(describing: error))") }
                try? await Task.sleep(for: FeedInbox.interval)
            }
        }
        lifecycle.use(FeedInboxWatch(task: task))
    }
}

extension FeedInbox {
    static let interval = Duration.seconds(15)
}

/// Stops the scans when the server shuts down.
private struct FeedInboxWatch: LifecycleHandler {
    let task: Task<Void, Never>

    func shutdown(_ application: Application) {
        task.cancel()
    }
}
