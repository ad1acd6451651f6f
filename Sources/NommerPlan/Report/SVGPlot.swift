import Foundation

/// A small SVG chart: a plot area with linear axes, ticks, gridlines and
/// labels, into which marks (lines, points, error bars) are drawn in data
/// coordinates. Output is plain SVG text for inline use in HTML.
struct SVGPlot {
    let width: Double
    let height: Double
    let xRange: ClosedRange<Double>
    let yRange: ClosedRange<Double>
    let xLabel: String
    let yLabel: String
    /// Logarithmic axes (values below the range's lower end are drawn at it).
    let xLog: Bool
    let yLog: Bool
    private(set) var marks: [String] = []

    private let left = 64.0, right = 16.0, top = 14.0, bottom = 44.0

    init(width: Double = 620, height: Double = 340, x: ClosedRange<Double>, y: ClosedRange<Double>,
         xLabel: String, yLabel: String, xLog: Bool = false, yLog: Bool = false) {
        self.width = width
        self.height = height
        self.xLog = xLog
        self.yLog = yLog
        xRange = xLog ? Self.logRange(x) : Self.padded(x)
        yRange = yLog ? Self.logRange(y) : Self.padded(y)
        self.xLabel = xLabel
        self.yLabel = yLabel
    }

    /// A range with room: a point range becomes an interval around it.
    static func padded(_ range: ClosedRange<Double>) -> ClosedRange<Double> {
        guard range.lowerBound.isFinite, range.upperBound.isFinite else { return 0...1 }
        if range.upperBound > range.lowerBound { return range }
        let value = range.lowerBound
        if value == 0 { return 0...1 }
        return value > 0 ? 0...(value * 1.1) : (value * 1.1)...0
    }

    /// The span of `values` extended by `margin` of its width on each side (and to zero when `fromZero`).
    static func span(_ values: [Double], margin: Double = 0.05, fromZero: Bool = false) -> ClosedRange<Double> {
        let finite = values.filter(\.isFinite)
        guard var low = finite.min(), var high = finite.max() else { return 0...1 }
        if fromZero { low = min(low, 0) }
        let pad = (high - low) * margin
        high += pad
        if !fromZero || low < 0 { low -= pad }
        return low...high
    }

    /// Whether values spread over more than `ratio` (a log axis shows them better).
    static func isWide(_ values: [Double], ratio: Double = 30) -> Bool {
        let positive = values.filter { $0 > 0 && $0.isFinite }
        guard let low = positive.min(), let high = positive.max() else { return false }
        return high / low > ratio
    }

    /// Whole decades around the positive values of `range` (at least 1 below 1).
    static func logRange(_ range: ClosedRange<Double>) -> ClosedRange<Double> {
        let high = max(range.upperBound, 1)
        let low = range.lowerBound > 0 ? range.lowerBound : 1
        return pow(10, log10(low).rounded(.down))...pow(10, max(log10(high).rounded(.up), log10(low).rounded(.down) + 1))
    }

    /// Where `value` falls in `range`, 0 ... 1.
    static func fraction(_ value: Double, _ range: ClosedRange<Double>, log: Bool) -> Double {
        guard log else { return (value - range.lowerBound) / (range.upperBound - range.lowerBound) }
        let clamped = max(value, range.lowerBound)
        return (log10(clamped) - log10(range.lowerBound)) / (log10(range.upperBound) - log10(range.lowerBound))
    }

    func px(_ x: Double) -> Double {
        left + Self.fraction(x, xRange, log: xLog) * (width - left - right)
    }

    func py(_ y: Double) -> Double {
        height - bottom - Self.fraction(y, yRange, log: yLog) * (height - top - bottom)
    }

    mutating func line(_ points: [(Double, Double)], color: String, width stroke: Double = 1.8, dashed: Bool = false,
                       step: Bool = false) {
        guard !points.isEmpty else { return }
        var coordinates: [String] = []
        var previous: (Double, Double)?
        for point in points {
            if step, let previous { coordinates.append(Self.pair(px(point.0), py(previous.1))) }
            coordinates.append(Self.pair(px(point.0), py(point.1)))
            previous = point
        }
        let dash = dashed ? " stroke-dasharray=\"6 4\"" : ""
        marks.append("<polyline fill=\"none\" stroke=\"\(color)\" stroke-width=\"\(stroke)\"\(dash) points=\"\(coordinates.joined(separator: " "))\"/>")
    }

    /// A filled area under `points` down to the x axis (as steps).
    mutating func area(_ points: [(Double, Double)], color: String) {
        guard let first = points.first, let last = points.last else { return }
        var coordinates = [Self.pair(px(first.0), py(yRange.lowerBound))]
        var previous: (Double, Double)?
        for point in points {
            if let previous { coordinates.append(Self.pair(px(point.0), py(previous.1))) }
            coordinates.append(Self.pair(px(point.0), py(point.1)))
            previous = point
        }
        coordinates.append(Self.pair(px(last.0), py(yRange.lowerBound)))
        marks.append("<polygon fill=\"\(color)\" opacity=\"0.25\" points=\"\(coordinates.joined(separator: " "))\"/>")
    }

    mutating func point(_ x: Double, _ y: Double, color: String, radius: Double = 4.5, title: String,
                        ring: Bool = false) {
        let stroke = ring ? " stroke=\"#111\" stroke-width=\"2.5\"" : " stroke=\"#fff\" stroke-width=\"1\""
        marks.append("<circle cx=\"\(Self.f(px(x)))\" cy=\"\(Self.f(py(y)))\" r=\"\(radius)\" fill=\"\(color)\"\(stroke)><title>\(HTML.escape(title))</title></circle>")
    }

    /// Error bars: horizontal from x.lower to x.upper at y, vertical likewise.
    mutating func errorBars(x: ClosedRange<Double>, y: ClosedRange<Double>, at center: (Double, Double), color: String) {
        let cap = 3.0
        var parts: [String] = []
        if x.upperBound > x.lowerBound {
            let (a, b, c) = (px(x.lowerBound), px(x.upperBound), py(center.1))
            parts.append("M\(Self.f(a)),\(Self.f(c))H\(Self.f(b))M\(Self.f(a)),\(Self.f(c - cap))V\(Self.f(c + cap))M\(Self.f(b)),\(Self.f(c - cap))V\(Self.f(c + cap))")
        }
        if y.upperBound > y.lowerBound {
            let (a, b, c) = (py(y.lowerBound), py(y.upperBound), px(center.0))
            parts.append("M\(Self.f(c)),\(Self.f(a))V\(Self.f(b))M\(Self.f(c - cap)),\(Self.f(a))H\(Self.f(c + cap))M\(Self.f(c - cap)),\(Self.f(b))H\(Self.f(c + cap))")
        }
        guard !parts.isEmpty else { return }
        marks.append("<path d=\"\(parts.joined())\" stroke=\"\(color)\" stroke-width=\"1.2\" fill=\"none\" opacity=\"0.8\"/>")
    }

    mutating func horizontalRule(_ y: Double, color: String, label: String) {
        guard yRange.contains(y) else { return }
        marks.append("<line x1=\"\(Self.f(left))\" x2=\"\(Self.f(width - right))\" y1=\"\(Self.f(py(y)))\" y2=\"\(Self.f(py(y)))\" stroke=\"\(color)\" stroke-dasharray=\"5 4\" stroke-width=\"1.5\"/>")
        marks.append("<text x=\"\(Self.f(width - right - 4))\" y=\"\(Self.f(py(y) - 5))\" text-anchor=\"end\" class=\"rule\" fill=\"\(color)\">\(HTML.escape(label))</text>")
    }

    /// The chart as a `<figure>`: the `<svg>` element, then a legend of (label, color) if given.
    func render(legend: [(String, String)] = []) -> String {
        var html = "<figure class=\"plot\">" + svg()
        if !legend.isEmpty {
            html += "<ul class=\"legend\">" + legend.map {
                "<li><span class=\"swatch\" style=\"background:\($0.1)\"></span>\(HTML.escape($0.0))</li>"
            }.joined() + "</ul>"
        }
        return html + "</figure>"
    }

    private func svg() -> String {
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Self.f(width)) \(Self.f(height))\" width=\"\(Self.f(width))\" height=\"\(Self.f(height))\" class=\"chart\">"
        svg += "<rect x=\"\(Self.f(left))\" y=\"\(Self.f(top))\" width=\"\(Self.f(width - left - right))\" height=\"\(Self.f(height - top - bottom))\" fill=\"#fbfbfd\" stroke=\"#c9ccd3\"/>"
        for tick in xLog ? Self.logTicks(xRange) : Self.ticks(xRange) {
            let x = px(tick)
            svg += "<line x1=\"\(Self.f(x))\" x2=\"\(Self.f(x))\" y1=\"\(Self.f(top))\" y2=\"\(Self.f(height - bottom))\" class=\"grid\"/>"
            svg += "<text x=\"\(Self.f(x))\" y=\"\(Self.f(height - bottom + 16))\" text-anchor=\"middle\" class=\"tick\">\(Self.label(tick))</text>"
        }
        for tick in yLog ? Self.logTicks(yRange) : Self.ticks(yRange) {
            let y = py(tick)
            svg += "<line x1=\"\(Self.f(left))\" x2=\"\(Self.f(width - right))\" y1=\"\(Self.f(y))\" y2=\"\(Self.f(y))\" class=\"grid\"/>"
            svg += "<text x=\"\(Self.f(left - 6))\" y=\"\(Self.f(y + 4))\" text-anchor=\"end\" class=\"tick\">\(Self.label(tick))</text>"
        }
        svg += "<text x=\"\(Self.f((left + width - right) / 2))\" y=\"\(Self.f(height - 8))\" text-anchor=\"middle\" class=\"axis\">\(HTML.escape(xLabel))</text>"
        svg += "<text transform=\"translate(14 \(Self.f((top + height - bottom) / 2))) rotate(-90)\" text-anchor=\"middle\" class=\"axis\">\(HTML.escape(yLabel))</text>"
        svg += "<svg x=\"\(Self.f(left))\" y=\"\(Self.f(top))\" width=\"\(Self.f(width - left - right))\" height=\"\(Self.f(height - top - bottom))\" viewBox=\"\(Self.f(left)) \(Self.f(top)) \(Self.f(width - left - right)) \(Self.f(height - top - bottom))\" overflow=\"hidden\">"
        svg += marks.joined()
        svg += "</svg>"
        return svg + "</svg>"
    }

    /// Decades (and 2x, 5x when there are few) inside a log range.
    static func logTicks(_ range: ClosedRange<Double>) -> [Double] {
        let first = Int(log10(range.lowerBound).rounded(.down)), last = Int(log10(range.upperBound).rounded(.up))
        let multiples: [Double] = last - first <= 3 ? [1, 2, 5] : [1]
        var ticks: [Double] = []
        for exponent in first...last {
            for multiple in multiples {
                let tick = multiple * pow(10, Double(exponent))
                if tick >= range.lowerBound * 0.999, tick <= range.upperBound * 1.001 { ticks.append(tick) }
            }
        }
        return ticks
    }

    /// About six round tick values inside `range`.
    static func ticks(_ range: ClosedRange<Double>) -> [Double] {
        let span = range.upperBound - range.lowerBound
        guard span > 0, span.isFinite else { return [range.lowerBound] }
        let raw = span / 6
        let magnitude = pow(10, (log10(raw)).rounded(.down))
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? raw
        var tick = (range.lowerBound / step).rounded(.up) * step
        var ticks: [Double] = []
        while tick <= range.upperBound + step * 1e-9, ticks.count < 20 {
            ticks.append(abs(tick) < step * 1e-9 ? 0 : tick)
            tick += step
        }
        return ticks
    }

    static func label(_ value: Double) -> String {
        if abs(value) >= 10000 { return String(format: "%.0fk", value / 1000) }
        if value == value.rounded() { return String(format: "%.0f", value) }
        return String(format: "%.3g", value)
    }

    static func f(_ value: Double) -> String { String(format: "%.1f", value) }
    static func pair(_ x: Double, _ y: Double) -> String { "\(f(x)),\(f(y))" }
}

enum HTML {
    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }
}
