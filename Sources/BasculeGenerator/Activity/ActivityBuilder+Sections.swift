import BasculeDomain

extension ActivityBuilder {
    /// The system sections, a section and a space per class, permanent and temporary sections
    /// with roles, publications and shared folders, earlier years' archives, and a recycle bin
    /// holding last summer's class spaces and sections binned during the year.
    mutating func addSections() {
        let created = year.startsOn.iso
        func system(_ kind: SectionKind, _ title: String, into builder: inout ActivityBuilder) -> Int {
            builder.add("sections", [builder.establishment, .null, .null, .text(kind.rawValue), .bool(false), .null,
                                     .text(title), .text(created), .null, .null, .null, .null])
        }
        let roots = SectionRoots(classes: system(.classes, "Classes", into: &self),
                                 archives: system(.archives, "Archives", into: &self),
                                 recycleBin: system(.recycleBin, "Corbeille", into: &self))
        sectionRoots = roots
        let admin = roster.personnel.first ?? roster.teachers[0]

        for schoolClass in roster.classes {
            let section = add("sections", [establishment, schoolYear, .id(roots.classes), .text(SectionKind.classSection.rawValue),
                                           .bool(false), .id(schoolClass.id), .text("Classe de \(schoolClass.code)"),
                                           .text(created), .null, .null, .null, .null])
            add("section_roles", [.id(section), .id(admin), .null, .text(SectionRole.manager.rawValue)])
            for teacher in Set(roster.teaching.filter { $0.classID == schoolClass.id }.map(\.teacherID)).sorted() {
                add("section_roles", [.id(section), .id(teacher), .null, .text(SectionRole.contributor.rawValue)])
            }
            addPublications(in: section, count: 3, authors: roster.teachers)
            addSharedFolder(in: section, documents: 3)
            let space = add("sections", [establishment, schoolYear, .null, .text(SectionKind.classSpace.rawValue), .bool(false),
                                         .id(schoolClass.id), .text("Espace de la classe \(schoolClass.code)"),
                                         .text(created), .null, .null, .null, .null])
            addPublications(in: space, count: 2, authors: roster.teachers)
        }

        let standard: [(String, Bool)] = [
            ("Vie de l'établissement", false), ("CDI", false), ("Association sportive", false),
            ("Orientation", false), ("Maison des lycéens", false), ("Conseil pédagogique", false),
            ("Voyage scolaire en Italie", true), ("Semaine des langues", true), ("Projet théâtre", true),
            ("Élections des délégués", true),
        ]
        for (title, temporary) in standard {
            let section = add("sections", [establishment, temporary ? schoolYear : .null, .null,
                                           .text(SectionKind.standard.rawValue), .bool(temporary), .null, .text(title),
                                           .text(created), .null, .null, .null, .null])
            add("section_roles", [.id(section), .id(admin), .null, .text(SectionRole.manager.rawValue)])
            for _ in 0..<2 {
                add("section_roles", [.id(section), .id(rng.pick(roster.teachers)), .null, .text(SectionRole.contributor.rawValue)])
            }
            if let group = roster.groups.first(where: { $0.kind == .manual }) {
                add("section_roles", [.id(section), .null, .id(group.id), .text(SectionRole.reader.rawValue)])
            }
            addPublications(in: section, count: rng.int(in: 4...8), authors: roster.personnel + roster.teachers)
            if !temporary { addSharedFolder(in: section, documents: 6) }
        }

        let lastSummer = year.startsOn.adding(days: -40).iso
        let archive = add("sections", [establishment, .null, .id(roots.archives), .text(SectionKind.archive.rawValue),
                                       .bool(false), .null, .text("Archives \(year.name.previous)"), .text(lastSummer),
                                       .null, .null, .null, .text(YearChangeRule.ID.archiveSections.rawValue)])
        addPublications(in: archive, count: 5, authors: roster.personnel)
        for code in roster.classes.prefix(4).map(\.code) {
            let binned = add("sections", [establishment, .null, .id(roots.recycleBin), .text(SectionKind.classSpace.rawValue),
                                          .bool(false), .null, .text("Espace de la classe \(code) (\(year.name.previous))"),
                                          .text(year.startsOn.adding(days: -365).iso), .text(lastSummer), .null, .null, .null])
            addPublications(in: binned, count: 2, authors: roster.personnel)
        }
        let binnedDuringYear = add("sections", [establishment, .null, .id(roots.recycleBin), .text(SectionKind.standard.rawValue),
                                                .bool(false), .null, .text("Ancien club photo"), .text(created),
                                                .text(schoolDay().iso), .null, .null, .null])
        addPublications(in: binnedDuringYear, count: 2, authors: roster.personnel)
    }

    mutating func addPublications(in section: Int, count: Int, authors: [Int]) {
        for n in 0..<count {
            let day = schoolDay()
            add("publications", [.id(section), .id(rng.pick(authors)), .text("Information n° \(n + 1)"),
                                 .text("Bonjour à tous, voici les informations de la semaine du \(day.french)."),
                                 .text(day.iso), .bool(rng.chance(0.2)), .bool(rng.chance(0.1))])
        }
    }

    mutating func addSharedFolder(in section: Int, documents: Int) {
        let folder = add("shared_folders", [.id(section), .text("Documents partagés")])
        for n in 0..<documents {
            add("shared_documents", [.id(folder), file(), .text("document-\(n + 1).txt"),
                                     .id(rng.pick(roster.personnel + roster.teachers)), .text(schoolDay().iso)])
        }
    }
}
