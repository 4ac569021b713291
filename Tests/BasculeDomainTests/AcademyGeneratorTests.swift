import BasculeGenerator
import Testing
@testable import BasculeDomain

@Suite("Synthetic académie generator")
struct AcademyGeneratorTests {
    private static let year = SchoolYearName(startYear: 2025)

    private func all(_ preset: AcademyPreset, seed: UInt64 = 1) -> (AcademyGenerator, [EstablishmentBatch]) {
        var generator = AcademyGenerator(preset: preset, seed: seed, yearName: Self.year)
        let header = generator
        var batches: [EstablishmentBatch] = []
        while let batch = generator.nextEstablishment() { batches.append(batch) }
        return (header, batches)
    }

    @Test("The same seed gives the same académie; another seed another one")
    func deterministic() {
        let (_, first) = all(.small, seed: 42)
        let (_, second) = all(.small, seed: 42)
        let (_, other) = all(.small, seed: 43)
        #expect(first.map(\.accounts) == second.map(\.accounts))
        #expect(first.map(\.groupMemberships) == second.map(\.groupMemberships))
        #expect(first.map(\.accounts) != other.map(\.accounts))
    }

    @Test("The small preset is realistic: valid UAIs, classes of 25–30, 1–2 parents, a head teacher per class")
    func smallIsRealistic() throws {
        let (header, batches) = all(.small)
        let accounts = batches.flatMap(\.accounts) + [header.operatorAccount]
        #expect(Set(accounts.map(\.login)).count == accounts.count, "logins are unique")
        #expect(Set(accounts.map(\.id)).count == accounts.count, "ids are unique")
        #expect(batches.map(\.establishment.kind) == [.college, .lycee, .college])
        for batch in batches {
            #expect(try UAI(batch.establishment.uai.code) == batch.establishment.uai)
            let sizes = Dictionary(grouping: batch.classMemberships, by: \.containerID).mapValues(\.count)
            #expect(sizes.count == batch.classes.count)
            #expect(sizes.values.allSatisfy { (25...30).contains($0) })
            #expect(Set(batch.headTeachers.map(\.classID)) == Set(batch.classes.map(\.id)))
            let students = batch.profiles.filter { $0.kind == .student }.map(\.accountID)
            let parents = Dictionary(grouping: batch.parentLinks, by: \.studentID).mapValues(\.count)
            #expect(students.allSatisfy { (1...2).contains(parents[$0] ?? 0) })
            #expect(batch.profiles.filter { $0.kind == .head }.count == 1)
            #expect(batch.profiles.filter { $0.kind == .entAdmin }.allSatisfy { $0.schoolYearID == nil })
            let teacherIDs = Set(batch.profiles.filter { $0.kind == .teacher }.map(\.accountID))
            #expect(batch.teachingAssignments.allSatisfy { teacherIDs.contains($0.teacherID) })
            #expect(batch.teachingAssignments.allSatisfy { ($0.classID == nil) != ($0.groupID == nil) })
        }
    }

    @Test("Every establishment has manual groups of both lifetimes, manual accounts of both kinds, and shared parents")
    func manualDataAndSiblings() {
        let (_, batches) = all(.small)
        for batch in batches {
            let manual = batch.groups.filter { $0.kind == .manual }
            #expect(Set(manual.compactMap(\.lifetime)) == [.schoolYear, .unlimited])
            #expect(batch.groups.filter { $0.kind != .manual }.allSatisfy { $0.lifetime == nil })
            let manualAccounts = batch.accounts.filter { $0.source == .manual }
            #expect(Set(manualAccounts.map(\.isPerennial)) == [true, false])
            #expect(manualAccounts.allSatisfy { $0.jointure == nil })
            #expect(batch.accounts.filter { $0.source == .feed }.allSatisfy { $0.jointure != nil })
        }
        let links = batches.flatMap(\.parentLinks)
        let childrenPerParent = Dictionary(grouping: links, by: \.parentID).mapValues(\.count)
        #expect(childrenPerParent.values.contains { $0 > 1 }, "siblings share parents")
    }

    @Test("The académie preset has the proportions of a real one")
    func academieProportions() {
        let (_, batches) = all(.academie)
        let profiles = batches.flatMap(\.profiles)
        let count = { (kind: ProfileKind) in profiles.filter { $0.kind == kind }.count }
        let personnel = Set(profiles.filter { $0.kind == .teacher || $0.kind == .staff }.map(\.accountID)).count
        #expect(batches.count == 60)
        #expect((36_000...44_000).contains(count(.student)), "students: \(count(.student))")
        #expect((58_000...72_000).contains(count(.parent)), "parents: \(count(.parent))")
        #expect((3_500...5_000).contains(personnel), "personnel: \(personnel)")
    }
}
