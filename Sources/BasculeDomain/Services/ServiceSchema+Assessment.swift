extension ServiceSchema {
    /// Assessment (évaluations, bulletins). Settings are the establishment's and kept; marks,
    /// skills, report cards, end-of-cycle reviews, EPI and class-council summaries belong to a year.
    /// Marks are stored in hundredths of a point, so that both engines digest them alike.
    static let assessment: [ServiceTable] = [
        ServiceTable("non_assessment_reasons", .assessment, read: .personnel, write: .administrators, columns: [
            .establishment, .text("code"), .text("label"), .ref("absence_reason_id", "absence_reasons", required: false),
        ], uniques: [["establishment_id", "code"]], indexes: [["absence_reason_id"]]),
        ServiceTable("subject_groups", .assessment, read: .personnel, write: .administrators, columns: [
            .establishment, .text("name"),
        ], indexes: [["establishment_id"]]),
        ServiceTable("subject_group_subjects", .assessment, scope: .parent(column: "subject_group_id", table: "subject_groups"),
                     read: .personnel, write: .administrators, columns: [
            .ref("subject_group_id", "subject_groups"), .text("subject_code"),
        ], uniques: [["subject_group_id", "subject_code"]]),
        ServiceTable("report_card_settings", .assessment, read: .personnel, write: .administrators, columns: [
            .establishment, .choice("period_kind", ["trimester", "semester"]), .bool("show_class_average"), .bool("show_rank"),
        ], uniques: [["establishment_id"]]),
        ServiceTable("assessments", .assessment, read: .classAudience, write: .personnel,
                     columns: taught + [.text("title"), .text("held_on"), .int("period"), .int("max_points"),
                                        .int("coefficient_percent")],
                     indexes: yearIndexes),
        ServiceTable("marks", .assessment, scope: .parent(column: "assessment_id", table: "assessments"),
                     read: .student("student_id"), write: .personnel, columns: [
            .ref("assessment_id", "assessments"), .ref("student_id", "accounts"), .int("points_centi", required: false),
            .ref("non_assessment_reason_id", "non_assessment_reasons", required: false),
        ], uniques: [["assessment_id", "student_id"]], indexes: [["student_id"], ["non_assessment_reason_id"]]),
        ServiceTable("skill_records", .assessment, read: .student("student_id"), write: .personnel, columns: [
            .establishment, .year, .ref("student_id", "accounts"), .ref("subject_id", "subjects", required: false),
            .text("skill_code"), .int("level"), .text("recorded_on"),
        ], indexes: studentYearIndexes + [["subject_id"]]),
        ServiceTable("report_cards", .assessment, read: .student("student_id"), write: .personnel, columns: [
            .establishment, .year, .ref("student_id", "accounts"), .ref("class_id", "classes", required: false),
            .int("period"), .int("average_centi", required: false), .text("comment"),
        ], indexes: studentYearIndexes + [["class_id"]]),
        ServiceTable("cycle_reviews", .assessment, read: .student("student_id"), write: .personnel, columns: [
            .establishment, .year, .ref("student_id", "accounts"), .int("cycle"), .text("synthesis"),
            .text("reviewed_on"),
        ], indexes: studentYearIndexes),
        ServiceTable("epi_projects", .assessment, read: .classAudience, write: .personnel, columns: [
            .establishment, .year, .ref("class_id", "classes", required: false, onDelete: .cascade),
            .ref("group_id", "groups", required: false, onDelete: .cascade), .text("title"), .text("theme"),
            .text("description"),
        ], indexes: [["establishment_id", "school_year_id"], ["school_year_id"], ["class_id"], ["group_id"]]),
        ServiceTable("class_council_summaries", .assessment, read: .personnel, write: .personnel, columns: [
            .establishment, .year, .ref("class_id", "classes"), .int("period"), .text("held_on"), .text("summary"),
        ], indexes: [["establishment_id", "school_year_id"], ["school_year_id"], ["class_id"]]),
    ]

    static let studentYearIndexes: [[String]] = [["establishment_id", "school_year_id"], ["school_year_id"],
                                                 ["student_id"]]
}
