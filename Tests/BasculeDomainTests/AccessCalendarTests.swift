import Testing
@testable import BasculeDomain

@Suite("Access calendar: closure phases and the summer block of students and parents")
struct AccessCalendarTests {
    /// The guide's summer 2020 calendar.
    static let calendar = AccessCalendar(phases: [
        .init(id: 1, label: "Travaux d'infrastructure", startsAt: "2020-07-23T09:00", endsAt: "2020-07-24T18:00", access: .closed),
        .init(id: 2, label: "Purge et archivage", startsAt: "2020-07-24T18:00", endsAt: "2020-08-05T12:00", access: .publicOnly),
        .init(id: 4, label: "Blocage élèves et parents", startsAt: "2020-08-17T00:00", endsAt: "2020-09-01T00:00",
              access: .studentsAndParentsBlocked, liftFrom: "2020-08-24T00:00", extendUntil: "2020-09-06T23:59"),
    ], blockEnds: [.init(establishmentID: 7, phaseID: 4): "2020-08-24T00:00"])

    @Test("Phase 1 closes everything, public pages included; phase 2 leaves only public pages; operators always get in")
    func closures() {
        let c = Self.calendar
        #expect(c.publicPagesClosure(at: "2020-07-23T10:00")?.until == "2020-07-24T18:00")
        #expect(c.publicPagesClosure(at: "2020-07-25T10:00") == nil)
        #expect(c.closure(at: "2020-07-25T10:00", isOperator: false, profiles: [1: [.teacher]])?.access == .publicOnly)
        #expect(c.closure(at: "2020-07-25T10:00", isOperator: true, profiles: [:]) == nil)
        #expect(c.closure(at: "2020-08-10T10:00", isOperator: false, profiles: [1: [.student]]) == nil)
    }

    @Test("Students and parents are blocked until the phase's end or their establishment's own date; staff are not")
    func summerBlock() {
        let c = Self.calendar
        #expect(c.closure(at: "2020-08-20T10:00", isOperator: false, profiles: [1: [.student]])?.until == "2020-09-01T00:00")
        #expect(c.closure(at: "2020-08-20T10:00", isOperator: false, profiles: [1: [.parent, .teacher]]) == nil)
        #expect(c.closure(at: "2020-08-25T10:00", isOperator: false, profiles: [7: [.parent]]) == nil)  // lifted on the 24th
        #expect(c.closure(at: "2020-08-20T10:00", isOperator: false, profiles: [7: [.parent]])?.until == "2020-08-24T00:00")
        #expect(c.closure(at: "2020-09-02T10:00", isOperator: false, profiles: [1: [.student]]) == nil)
    }

    @Test("An establishment may lift from the 24th or extend to the 6th, not beyond")
    func limits() {
        let phase = Self.calendar.phases.last!
        #expect(phase.allows(endingAt: "2020-08-24T00:00"))
        #expect(phase.allows(endingAt: "2020-09-06T08:00"))
        #expect(!phase.allows(endingAt: "2020-08-20T00:00"))
        #expect(!phase.allows(endingAt: "2020-09-10T00:00"))
        #expect(!Self.calendar.phases[0].allows(endingAt: "2020-07-24T00:00"))
    }
}
