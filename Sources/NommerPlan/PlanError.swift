/// A sweep, merge or report that cannot go ahead, with a message for the user.
public struct PlanError: Error, CustomStringConvertible, Equatable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
