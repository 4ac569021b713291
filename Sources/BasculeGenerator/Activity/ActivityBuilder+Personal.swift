import BasculeDomain

extension ActivityBuilder {
    /// Personal services (kept across years), targeted messages and forms.
    mutating func addPersonalServices() {
        let everyone = Set(roster.personnel + roster.teachers + roster.students + roster.parents).sorted()
        for person in everyone {
            add("preferences", [.id(person), .text("langue"), .text("fr")])
            if rng.chance(0.3) { add("preferences", [.id(person), .text("theme"), .text(rng.pick(["clair", "sombre"]))]) }
        }
        for person in roster.personnel + roster.teachers {
            let folder = add("box_folders", [.id(person), .null, .text("Cours")])
            let sub = add("box_folders", [.id(person), .id(folder), .text("Progressions")])
            for n in 0..<10 {
                add("box_documents", [.id(person), Self.id(n % 3 == 0 ? nil : (n % 2 == 0 ? folder : sub)), file(),
                                      .text("document-\(n + 1).txt"), .text(schoolDay().iso)])
            }
            for _ in 0..<15 {
                let day = schoolDay()
                add("calendar_events", [.id(person), .text("Réunion"), .text(day.iso + "T17:00:00"),
                                        .text(day.iso + "T18:00:00"), rng.chance(0.5) ? .text("Salle des professeurs") : .null])
            }
            add("favourites", [.id(person), .text("Éduscol"), .text("https://eduscol.education.fr/")])
        }
        for student in roster.students where rng.chance(0.3) {
            add("box_documents", [.id(student), .null, file(), .text("exposé.txt"), .text(schoolDay().iso)])
            add("favourites", [.id(student), .text("Dictionnaire"), .text("https://www.cnrtl.fr/")])
        }

        for n in 0..<15 {
            let day = schoolDay()
            let message = add("targeted_messages", [establishment, .id(rng.pick(roster.personnel)), .text("Communication n° \(n + 1)"),
                                                    .text("Madame, Monsieur, veuillez noter…"), .text(time(on: day)),
                                                    .text(rng.pick(["parents", "students", "staff", "all"]))])
            for parent in Set((0..<min(100, roster.parents.count)).map { _ in rng.pick(roster.parents) }).sorted() {
                add("targeted_message_recipients", [.id(message), .id(parent), rng.chance(0.6) ? .text(time(on: day)) : .null])
            }
        }

        for n in 0..<4 {
            let owner = rng.pick(roster.personnel)
            let form = add("forms", [establishment, .id(owner), .text("Sondage n° \(n + 1)"), .bool(n > 1),
                                     .text(schoolDay().iso)])
            let respondents = Set((0..<40).map { _ in rng.pick(roster.parents + roster.teachers) }).sorted()
            for position in 1...4 {
                let question = add("form_questions", [.id(form), .number(position), .text("Question \(position)")])
                for respondent in respondents {
                    add("form_answers", [.id(question), .id(respondent), .text(rng.pick(["Oui", "Non", "Sans avis"])),
                                         .text(time(on: schoolDay()))])
                }
            }
        }
    }
}
