import BasculeDomain

extension ActivityBuilder {
    /// Carnet de liaison conversations, teachers' Moodle categories, the Médiacentre's
    /// resources with their assignments and referent.
    mutating func addLinks() {
        for student in roster.students where rng.chance(0.1) {
            let parents = roster.parentsOf[student] ?? []
            let staff = rng.pick(roster.teachers + roster.personnel)
            let starter = parents.isEmpty || rng.chance(0.4) ? staff : rng.pick(parents)
            let day = schoolDay()
            let conversation = add("liaison_conversations", [establishment, schoolYear, .id(student), .id(starter),
                                                             .text("Suivi de la scolarité"), .text(time(on: day))])
            for n in 0..<3 {
                let author = n % 2 == 0 ? starter : (starter == staff ? (parents.first ?? staff) : staff)
                add("liaison_messages", [.id(conversation), .id(author), .text(time(on: day.adding(days: n))),
                                         .text("Message \(n + 1) au sujet de la scolarité.")])
            }
        }
        for teacher in roster.teachers where rng.chance(0.6) {
            let category = add("moodle_categories", [establishment, .id(teacher), .text("Cours de l'enseignant \(teacher)"),
                                                     .bool(false), .bool(false)])
            for n in 0..<3 {
                add("moodle_courses", [.id(category), .text("Cours \(n + 1)"), .text("C\(teacher)-\(n + 1)")])
            }
        }
        add("gar_referents", [establishment, .id(roster.personnel.first ?? roster.teachers[0])])
        let levels = Array(Set(roster.classes.map(\.level))).sorted()
        for n in 0..<12 {
            let resource = add("gar_resources", [establishment, .text("ark:/86527/r\(roster.establishmentID)-\(n + 1)"),
                                                 .text("Manuel numérique \(n + 1)"), .text(rng.pick(["Hachette", "Nathan", "Belin", "Magnard"])),
                                                 rng.chance(0.7) ? .number(rng.int(in: 30...400)) : .null])
            for _ in 0..<rng.int(in: 3...6) {
                switch rng.int(in: 0...3) {
                case 0: add("gar_assignments", [.id(resource), schoolYear, .id(rng.pick(roster.classes).id), .null, .null, .null])
                case 1 where !roster.groups.isEmpty:
                    add("gar_assignments", [.id(resource), schoolYear, .null, .id(rng.pick(roster.groups).id), .null, .null])
                case 2: add("gar_assignments", [.id(resource), schoolYear, .null, .null, .text(rng.pick(levels)), .null])
                default: add("gar_assignments", [.id(resource), schoolYear, .null, .null, .null, .id(rng.pick(roster.teachers))])
                }
            }
        }
    }
}
