/// GeoRSS (simple and GML) locations, read into a `where` dictionary with a `type` and
/// `coordinates` as (longitude, latitude), the way feedparser reports them.
extension FeedBuilder {
    func startGeography(_ name: String, _ attributes: ElementAttributes) -> Bool {
        switch name {
        case "georss_point", "georss_line", "georss_polygon", "georss_box":
            push("geometry", expectingText: false)
            context()["where"] = .node(ParsedNode())
        case "where", "georss_where":
            push("where", expectingText: false)
            context()["where"] = .node(ParsedNode())
        case "gml_point", "gml_linestring", "gml_polygon":
            readReferenceSystem(attributes)
            if name == "gml_point" { geometry = .point } else if name == "gml_linestring" { geometry = .lineString }
            push("geometry", expectingText: false)
        case "gml_exterior":
            push("geometry", expectingText: false)
        case "gml_linearring":
            geometry = .polygon
            push("geometry", expectingText: false)
        case "gml_pos", "gml_poslist":
            push("pos", expectingText: false)
        default:
            return false
        }
        return true
    }

    func endGeography(_ name: String) -> Bool {
        switch name {
        case "georss_point":
            saveWhere(Self.point(pop("geometry") ?? ""))
        case "georss_line":
            saveWhere(Self.line(pop("geometry") ?? ""))
        case "georss_polygon":
            saveWhere(Self.polygon(pop("geometry") ?? ""))
        case "georss_box":
            saveWhere(Self.coordinates(pop("geometry") ?? "").map { ["type": .text("Box"), "coordinates": .list($0)] })
        case "where", "georss_where":
            pop("where")
        case "gml_pos", "gml_poslist":
            let text = pop("pos") ?? ""
            let place = context()["where"]?.node
            var swap = true
            var dimensions = 2
            if case .number(let value) = place?["srsDimension"] { dimensions = value }
            if let system = place?.text("srsName"), system.contains("EPSG"),
               let code = system.split(separator: ":").last.flatMap({ Int($0) }) {
                swap = Self.isGeographic(code)
            }
            if name == "gml_pos" {
                saveWhere(Self.point(text, swap: swap, dimensions: dimensions))
            } else if geometry == .lineString {
                saveWhere(Self.line(text, swap: swap, dimensions: dimensions))
            } else if geometry == .polygon, let ring = Self.coordinates(text, swap: swap, dimensions: dimensions) {
                saveWhere(["type": .text("Polygon"), "coordinates": .list([.list(ring)])])
            }
        case "gml_point", "gml_linestring", "gml_linearring", "gml_exterior", "gml_polygon":
            geometry = .none
            pop("geometry")
        default:
            return false
        }
        return true
    }

    /// The GML shape whose positions are being read.
    enum GMLGeometry {
        case none, point, lineString, polygon
    }

    private func readReferenceSystem(_ attributes: ElementAttributes) {
        let place = context().childNode("where")
        place.setRaw("srsName", attributes["srsname"].map { .text($0) } ?? .null)
        place.setRaw("srsDimension", .number(Int(attributes["srsdimension"] ?? "2") ?? 2))
    }

    private func saveWhere(_ geometry: [String: ParsedNode.Value]?) {
        guard let geometry else { return }
        let place = context().childNode("where")
        for key in ["type", "coordinates"] { if let value = geometry[key] { place.setRaw(key, value) } }
    }

    // MARK: - Coordinates

    /// Pairs (or triples) of numbers, latitude first in the text, longitude first out.
    private static func coordinates(_ text: String, swap: Bool = true, dimensions: Int = 2) -> [ParsedNode.Value]? {
        var numbers: [Double] = []
        for word in text.replacingOccurrences(of: ",", with: " ").split(whereSeparator: { $0.isWhitespace }) {
            guard let number = Double(word) else { return nil }
            numbers.append(number)
        }
        var points: [ParsedNode.Value] = []
        let size = dimensions == 3 ? 3 : 2
        var index = 0
        while index + size <= numbers.count {
            var point = [numbers[index], numbers[index + 1]]
            if swap { point.reverse() }
            if size == 3 { point.append(numbers[index + 2]) }
            points.append(.list(point.map { .real($0) }))
            index += size
        }
        return points
    }

    private static func point(_ text: String, swap: Bool = true, dimensions: Int = 2) -> [String: ParsedNode.Value]? {
        guard let first = coordinates(text, swap: swap, dimensions: dimensions)?.first else { return nil }
        return ["type": .text("Point"), "coordinates": first]
    }

    private static func line(_ text: String, swap: Bool = true, dimensions: Int = 2) -> [String: ParsedNode.Value]? {
        coordinates(text, swap: swap, dimensions: dimensions).map { ["type": .text("LineString"), "coordinates": .list($0)] }
    }

    private static func polygon(_ text: String) -> [String: ParsedNode.Value]? {
        guard let ring = coordinates(text), ring.count >= 4 else { return nil }
        return ["type": .text("Polygon"), "coordinates": .list([.list(ring)])]
    }

    /// EPSG codes of geographic (latitude/longitude) systems, whose order GML swaps.
    private static func isGeographic(_ code: Int) -> Bool {
        [3819, 3821, 3824, 3889, 3906].contains(code) || (4001...4999).contains(code)
    }
}
