import BasculeDomain

extension ActivityBuilder {
    /// A year of internal mail: teachers and staff write most (to colleagues, students and
    /// families, sometimes to a whole class), students and parents less. Recipients file part
    /// of their mail in personal folders, which is what the year change keeps.
    mutating func addMail() {
        var folders: [Int: [Int]] = [:]
        let writers: [(people: [Int], messages: ClosedRange<Int>, folders: ClosedRange<Int>)] = [
            (roster.personnel, 160...240, 2...4), (roster.teachers, 130...200, 1...3),
            (roster.students, 10...26, 0...1), (roster.parents, 5...13, 0...1),
        ]
        for (people, _, folderRange) in writers {
            for person in people {
                for n in 0..<rng.int(in: folderRange) {
                    folders[person, default: []].append(add("mail_folders", [.id(person), .text(["Important", "Administratif", "Projets", "Parents"][n % 4])]))
                }
            }
        }
        let families = roster.parents
        let colleagues = roster.teachers + roster.personnel
        for (index, (people, messageRange, _)) in writers.enumerated() {
            let isPersonnel = index < 2
            for sender in people {
                for _ in 0..<Int((Double(rng.int(in: messageRange)) * mailShare).rounded(.up)) {
                    let day = schoolDay()
                    let message = add("mail_messages", [schoolYear, .id(sender), .text(time(on: day)),
                                                        .text("Message du \(day.french)"),
                                                        .text("Bonjour,\nVoici les informations demandées.\nCordialement.")])
                    var recipients: [Int]
                    if isPersonnel && rng.chance(0.02) && !roster.classes.isEmpty {
                        let schoolClass = rng.pick(roster.classes)
                        add("mail_recipients", [.id(message), .null, .null, .id(schoolClass.id)])
                        recipients = roster.studentsOfClass[schoolClass.id] ?? []
                    } else {
                        let pool = isPersonnel ? (rng.chance(0.5) ? colleagues : (rng.chance(0.5) ? roster.students : families))
                                               : colleagues
                        recipients = Array(Set((0..<rng.int(in: 1...2)).map { _ in rng.pick(pool) })).sorted()
                    }
                    for recipient in recipients where recipient != sender {
                        let folder = rng.chance(0.2) ? folders[recipient].map { rng.pick($0) } : nil
                        add("mail_deliveries", [.id(message), .id(recipient), schoolYear, Self.id(folder),
                                                .bool(rng.chance(0.8)), .bool(rng.chance(0.05))])
                    }
                    if rng.chance(0.01) {
                        add("mail_attachments", [.id(message), file(), .text("piece-jointe.txt")])
                    }
                }
            }
        }
    }
}
