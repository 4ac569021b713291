/// How slowly an upload may arrive. A client that trickles a body holds a connection and a
/// temporary file for as long as it likes (the idle timeout only sees silence), so past a
/// grace period a body must keep up a minimum rate — well below a phone's on a poor 3G link
/// (about 40 kB/s), well above an attacker's byte a minute.
public struct UploadPace: Sendable, Equatable {
    public var grace: Duration
    public var minimumBytesPerSecond: Int

    public init(grace: Duration, minimumBytesPerSecond: Int) {
        self.grace = grace
        self.minimumBytesPerSecond = minimumBytesPerSecond
    }

    public static let standard = UploadPace(grace: .seconds(30), minimumBytesPerSecond: 8_192)

    /// Whether `bytes` received in `elapsed` are too few.
    public func isTooSlow(bytes: Int, after elapsed: Duration) -> Bool {
        guard elapsed > grace else { return false }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return Double(bytes) < seconds * Double(minimumBytesPerSecond)
    }
}
