import Testing
@testable import BasculeDomain

@Suite("Order-independent table digest")
struct TableDigestTests {
    private func digest(_ rows: [[ColumnValue]]) -> TableDigest {
        var d = TableDigest()
        for row in rows { d.add(row: row) }
        return d
    }

    @Test("The same rows in another order give the same digest")
    func orderIndependent() {
        let rows: [[ColumnValue]] = [[.int(1), .text("a")], [.int(2), .text("b")], [.int(3), .null]]
        #expect(digest(rows) == digest(rows.reversed()))
    }

    @Test("A changed, added or removed row changes the digest")
    func sensitive() {
        let rows: [[ColumnValue]] = [[.int(1), .text("a")], [.int(2), .text("b")]]
        #expect(digest(rows) != digest([[.int(1), .text("a")], [.int(2), .text("c")]]))
        #expect(digest(rows) != digest(rows + [[.int(3), .text("c")]]))
        #expect(digest(rows) != digest(Array(rows.prefix(1))))
        // A duplicated row is not the same table as one row (lanes add, they do not cancel).
        #expect(digest([rows[0]]) != digest([rows[0], rows[0]]))
    }

    @Test("Values are framed: no shift between columns, types or null")
    func framing() {
        #expect(digest([[.text("ab"), .text("c")]]) != digest([[.text("a"), .text("bc")]]))
        #expect(digest([[.text("1")]]) != digest([[.int(1)]]))
        #expect(digest([[.text("")]]) != digest([[.null]]))
        #expect(digest([[.bool(true)]]) != digest([[.int(1)]]))
    }

    @Test("The overall digest does not depend on the order tables are listed in")
    func overall() {
        let a = digest([[.int(1)]])
        let b = digest([[.int(2)]])
        #expect(TableDigest.overall([("a", a), ("b", b)]) == TableDigest.overall([("b", b), ("a", a)]))
        #expect(TableDigest.overall([("a", a), ("b", b)]) != TableDigest.overall([("a", b), ("b", a)]))
    }
}
