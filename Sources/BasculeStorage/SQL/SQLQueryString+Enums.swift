import SQLKit

extension SQLQueryString {
    /// A domain enumeration's value as an SQL string literal — `kind = \(GroupKind.manual)` —
    /// so that no enumeration value is spelled inside SQL. A literal rather than a bound
    /// parameter: the values are the code's own, and the planners see the constant.
    public mutating func appendInterpolation<Value: RawRepresentable>(_ value: Value) where Value.RawValue == String {
        appendInterpolation(literal: value.rawValue)
    }

    /// Several values of an enumeration, as the list of an `IN (…)`.
    public mutating func appendInterpolation<Value: RawRepresentable>(list values: [Value]) where Value.RawValue == String {
        appendInterpolation(literals: values.map(\.rawValue), joinedBy: ", ")
    }
}
