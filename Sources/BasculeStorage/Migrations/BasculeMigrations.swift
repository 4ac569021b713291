import FluentKit

/// Bascule's schema, migration by migration, in the order a new database applies them.
///
/// Each migration is frozen once it has shipped: its source never changes again, since deployed
/// databases have applied it (Fluent remembers it by its type's name, which stays too). A change
/// of schema is a new migration at the end of this list and a file numbered after the last; the
/// schema-drift test fails while the live descriptions (`ServiceSchema`, `DigestedTables`,
/// `FeedSQL.stagingIndexes`) and what these build differ.
public enum BasculeMigrations {
    public static let all: [any Migration] = [
        CreateDirectory(),                      // 001
        CreateFeedImport(),                     // 002
        IndexProfilesByKey(),                   // 003
        CreateLocks(),                          // 004
        AddStagedReplaces(),                    // 005
        TidyAccountIndexes(),                   // 006
        IndexTeachingByTeacherAndSubject(),     // 007
        CreateServices(),                       // 008
        CreateYearChange(),                     // 009
        CreateAccessCalendar(),                 // 010
        CreateChecklistEvents(),                // 011
        CreateYearChangeLaunches(),             // 012
        CreateYearChangeCreatedYears(),         // 013
        AddEstablishmentYear(),                 // 014
        AddSectionArchiveRule(),                // 015
        CreateLoginThrottles(),                 // 016
        CreateSessions(),                       // 017
        AddPasswordChangeFlag(),                // 018
        CreateTimetable(),                      // 019
        CreateLogbookAttachments(),             // 020
        IndexPagedReads(),                      // 021
        AddAbsenceKind(),                       // 022
    ]
}
