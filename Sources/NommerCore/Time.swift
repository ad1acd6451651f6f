/// A point in time or a duration, in seconds.
///
/// The core never reads a clock: every event carries the time at which it
/// happened as a value. The simulator counts from zero at the start of a run;
/// the live runtime passes seconds since the Unix epoch.
public typealias Seconds = Double
