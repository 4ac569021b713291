import BasculeDomain

extension ActivityBuilder {
    /// Per teaching assignment, a weekly lesson through the year: its logbook session, every
    /// third one with homework, its roll-call sheet with the absences noted in it; and six
    /// assessments with a mark per student.
    mutating func addTeachingRecords() {
        let firstMonday = weekday(year.startsOn.adding(days: 1))
        for assignment in roster.teaching {
            let students = roster.audience(of: assignment)
            let taught: [ColumnValue] = [establishment, schoolYear, Self.id(assignment.classID), Self.id(assignment.groupID),
                                         .id(assignment.subjectID), .id(assignment.teacherID)]
            let weekdayOffset = rng.int(in: 0...4)
            let slot = rng.pick(Self.slots)
            for week in 0..<32 {
                let day = firstMonday.adding(days: week * 7 + weekdayOffset)
                let session = add("logbook_sessions", taught + [.text(day.iso), .text(slot),
                                                                .text("Séance \(week + 1) : notions du chapitre \(week / 3 + 1).")])
                // Every eighth session with a document; picked without the random stream, so
                // that the rest of the académie is what it was before sessions had documents.
                if week % 8 == 0, !fileIDs.isEmpty {
                    add("logbook_attachments", [.id(session), .int(Int64(fileIDs[(session + week) % fileIDs.count])),
                                                .text("Séance \(week + 1) — support.txt"), .text(day.iso)])
                }
                if week % 3 == 2 {
                    add("homework", taught + [.id(session), .text(day.iso), .text(day.adding(days: 7).iso),
                                              .text("Exercices du chapitre \(week / 3 + 1).")])
                }
                let sheet = add("roll_call_sheets", [establishment, schoolYear, Self.id(assignment.classID),
                                                     Self.id(assignment.groupID), .id(assignment.teacherID),
                                                     .text(day.iso), .text(slot), .text(day.iso + "T" + slot.prefix(5) + ":00")])
                for student in students where rng.chance(0.07) {
                    let reason = rng.chance(0.8) ? rng.pick(absenceReasons) : nil
                    add("absences", [establishment, schoolYear, .id(student), .id(sheet), Self.id(reason),
                                     .text(day.iso + "T" + slot.prefix(5) + ":00"),
                                     .text(day.iso + "T" + slot.suffix(5) + ":00"), .bool(reason != nil && rng.chance(0.7)),
                                     // One in six a lateness, without the random stream (the rest of the académie stays as it was).
                                     .text((student + week) % 6 == 0 ? AbsenceKind.late.rawValue : AbsenceKind.absence.rawValue)])
                }
            }
            guard !students.isEmpty else { continue }
            for n in 0..<6 {
                let day = schoolDay()
                let assessment = add("assessments", taught + [.text("Évaluation \(n + 1)"), .text(day.iso), .number(n / 2 + 1),
                                                              .number(20), .number(rng.pick([50, 100, 100, 200]))])
                for student in students {
                    if rng.chance(0.03) {
                        add("marks", [.id(assessment), .id(student), .null, .id(rng.pick(nonAssessmentReasons))])
                    } else {
                        add("marks", [.id(assessment), .id(student), .number(rng.int(in: 300...2000) / 25 * 25), .null])
                    }
                }
            }
        }
    }

    /// What is kept per student: absence files, punishments, sanctions, skills, report cards,
    /// end-of-cycle reviews, photos; per class: EPI and class-council summaries.
    mutating func addStudentRecords() {
        let levelOf = Dictionary(uniqueKeysWithValues: roster.classes.map { ($0.id, $0.level) })
        for student in roster.students {
            if rng.chance(0.05) {
                add("absence_files", [establishment, schoolYear, .id(student), .text(schoolDay().iso),
                                      .text(rng.chance(0.6) ? "open" : "closed"), .text("Absentéisme à suivre avec la famille.")])
            }
            if rng.chance(0.5) {
                for _ in 0..<rng.int(in: 1...3) {
                    add("punishments", [establishment, schoolYear, .id(student), .id(rng.pick(punishmentTypes)),
                                        .id(rng.pick(punishmentReasons)), .id(rng.pick(roster.teachers)),
                                        .text(schoolDay().iso), .text("")])
                }
            }
            if rng.chance(0.2) {
                add("sanctions", [establishment, schoolYear, .id(student), .text(rng.pick(SanctionKind.allCases).rawValue),
                                  .id(rng.pick(sanctionReasons)), .text(schoolDay().iso), .text("Décision du chef d'établissement."),
                                  .id(rng.pick(roster.heads.isEmpty ? roster.personnel : roster.heads))])
            }
            for n in 0..<6 {
                add("skill_records", [establishment, schoolYear, .id(student), .id(rng.pick(subjectIDs)),
                                      .text("D\(n % 5 + 1)"), .number(rng.int(in: 1...4)), .text(schoolDay().iso)])
            }
            let classID = roster.classOf[student]
            for period in 1...3 {
                add("report_cards", [establishment, schoolYear, .id(student), Self.id(classID), .number(period),
                                     .number(rng.int(in: 600...1800)), .text("Trimestre \(period) : travail régulier.")])
            }
            let level = classID.flatMap { levelOf[$0] }
            if level == "6e" || level == "3e" {
                add("cycle_reviews", [establishment, schoolYear, .id(student), .number(level == "6e" ? 3 : 4),
                                      .text("Maîtrise satisfaisante des domaines du socle."), .text(year.startsOn.adding(days: 290).iso)])
            }
            if rng.chance(0.6) {
                add("student_photos", [establishment, schoolYear, .id(student), file(), .text(year.startsOn.adding(days: 20).iso)])
            }
        }
        for schoolClass in roster.classes {
            if ["5e", "4e", "3e"].contains(schoolClass.level) {
                for title in ["Transition écologique", "Langues et cultures de l'Antiquité"] {
                    add("epi_projects", [establishment, schoolYear, .id(schoolClass.id), .null, .text(title),
                                         .text("EPI"), .text("Projet interdisciplinaire de la classe \(schoolClass.code).")])
                }
            }
            for period in 1...3 {
                add("class_council_summaries", [establishment, schoolYear, .id(schoolClass.id), .number(period),
                                                .text(year.startsOn.adding(days: 90 * period).iso),
                                                .text("Classe sérieuse dans l'ensemble ; quelques élèves à encourager.")])
            }
        }
    }
}
