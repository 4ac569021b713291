import BasculeDomain

extension ActivityBuilder {
    /// What the guide keeps from one year to the next: school-life and assessment settings,
    /// service rights.
    mutating func addSettings() {
        let absence: [(String, String, Bool)] = [
            ("MAL", "Maladie", true), ("FAM", "Raison familiale", true), ("RDV", "Rendez-vous médical", true),
            ("TRA", "Problème de transport", false), ("NJ", "Non justifiée", false), ("CONV", "Convocation", true),
            ("SPO", "Compétition sportive", true), ("RET", "Retard", false),
        ]
        for (code, label, justified) in absence {
            absenceReasons.append(add("absence_reasons", [establishment, .text(code), .text(label), .bool(justified)]))
        }
        for label in ["Appel aux familles", "Courrier", "Convocation", "Signalement"] {
            add("absence_actions", [establishment, .text(label)])
        }
        add("roll_call_settings", [establishment, .number(rng.pick([15, 30, 45])), .number(10), .bool(rng.chance(0.7))])
        for label in ["Travail non fait", "Oubli de matériel", "Bavardages", "Insolence", "Retards répétés"] {
            punishmentReasons.append(add("punishment_reasons", [establishment, .text(label)]))
        }
        for label in ["Devoir supplémentaire", "Retenue", "Excuse écrite", "Exclusion ponctuelle de cours"] {
            punishmentTypes.append(add("punishment_types", [establishment, .text(label)]))
        }
        for label in ["Violence verbale", "Violence physique", "Dégradation", "Harcèlement", "Fraude"] {
            sanctionReasons.append(add("sanction_reasons", [establishment, .text(label)]))
        }
        let nonAssessed: [(String, String, Int?)] = [("ABS", "Absent", absenceReasons[0]), ("DIS", "Dispensé", nil),
                                                      ("NR", "Non rendu", nil), ("NN", "Non noté", nil)]
        for (code, label, reason) in nonAssessed {
            nonAssessmentReasons.append(add("non_assessment_reasons", [establishment, .text(code), .text(label), Self.id(reason)]))
        }
        let poles = [("Pôle lettres", ["020700", "030201", "030602"]), ("Pôle sciences", ["061300", "062900", "063300"]),
                     ("Pôle arts et sport", ["083400", "084400", "100100"])]
        for (name, codes) in poles {
            let pole = add("subject_groups", [establishment, .text(name)])
            for code in codes { add("subject_group_subjects", [.id(pole), .text(code)]) }
        }
        add("report_card_settings", [establishment, .text(rng.chance(0.8) ? "trimester" : "semester"), .bool(true),
                                     .bool(rng.chance(0.2))])
        for (service, role) in [("absences", "manager"), ("evaluations", "manager"), ("cahier_de_textes", "manager"),
                                ("mediacentre", "manager"), ("messagerie", "user"), ("moodle", "manager")] {
            add("service_roles", [establishment, .text(service), .id(rng.pick(roster.personnel)), .null, .text(role)])
        }
        add("service_roles", [establishment, .text("cahier_de_textes"), .null, .text(ProfileKind.teacher.rawValue), .text("user")])
    }
}
