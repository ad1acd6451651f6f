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
    private(set) var marks: [String] = []

    private let left = 64.0, right = 16.0, top = 14.0, bottom = 44.0

    init(width: Double = 620, height: Double = 340, x: ClosedRange<Double>, y: ClosedRange<Double>,
         xLabel: String, yLabel: String) {
        self.width = width
        self.height = height
        xRange = Self.padded(x)
        yRange = Self.padded(y)
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

    func px(_ x: Double) -> Double {
        left + (x - xRange.lowerBound) / (xRange.upperBound - xRange.lowerBound) * (width - left - right)
    }

    func py(_ y: Double) -> Double {
        height - bottom - (y - yRange.lowerBound) / (yRange.upperBound - yRange.lowerBound) * (height - top - bottom)
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

    /// The chart as an `<svg>` element, with a legend of (label, color) if given.
    func render(legend: [(String, String)] = []) -> String {
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Self.f(width)) \(Self.f(height))\" width=\"\(Self.f(width))\" height=\"\(Self.f(height))\" class=\"chart\">"
        svg += "<rect x=\"\(Self.f(left))\" y=\"\(Self.f(top))\" width=\"\(Self.f(width - left - right))\" height=\"\(Self.f(height - top - bottom))\" fill=\"#fbfbfd\" stroke=\"#c9ccd3\"/>"
        for tick in Self.ticks(xRange) {
            let x = px(tick)
            svg += "<line x1=\"\(Self.f(x))\" x2=\"\(Self.f(x))\" y1=\"\(Self.f(top))\" y2=\"\(Self.f(height - bottom))\" class=\"grid\"/>"
            svg += "<text x=\"\(Self.f(x))\" y=\"\(Self.f(height - bottom + 16))\" text-anchor=\"middle\" class=\"tick\">\(Self.label(tick))</text>"
        }
        for tick in Self.ticks(yRange) {
            let y = py(tick)
            svg += "<line x1=\"\(Self.f(left))\" x2=\"\(Self.f(width - right))\" y1=\"\(Self.f(y))\" y2=\"\(Self.f(y))\" class=\"grid\"/>"
            svg += "<text x=\"\(Self.f(left - 6))\" y=\"\(Self.f(y + 4))\" text-anchor=\"end\" class=\"tick\">\(Self.label(tick))</text>"
        }
        svg += "<text x=\"\(Self.f((left + width - right) / 2))\" y=\"\(Self.f(height - 8))\" text-anchor=\"middle\" class=\"axis\">\(HTML.escape(xLabel))</text>"
        svg += "<text transform=\"translate(14 \(Self.f((top + height - bottom) / 2))) rotate(-90)\" text-anchor=\"middle\" class=\"axis\">\(HTML.escape(yLabel))</text>"
        svg += "<svg x=\"\(Self.f(left))\" y=\"\(Self.f(top))\" width=\"\(Self.f(width - left - right))\" height=\"\(Self.f(height - top - bottom))\" viewBox=\"\(Self.f(left)) \(Self.f(top)) \(Self.f(width - left - right)) \(Self.f(height - top - bottom))\" overflow=\"hidden\">"
        svg += marks.joined()
        svg += "</svg>"
        for (index, entry) in legend.enumerated() {
            let y = top + 14 + Double(index) * 16
            svg += "<rect x=\"\(Self.f(left + 10))\" y=\"\(Self.f(y - 8))\" width=\"12\" height=\"4\" fill=\"\(entry.1)\"/>"
            svg += "<text x=\"\(Self.f(left + 28))\" y=\"\(Self.f(y - 2))\" class=\"legend\">\(HTML.escape(entry.0))</text>"
        }
        return svg + "</svg>"
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
