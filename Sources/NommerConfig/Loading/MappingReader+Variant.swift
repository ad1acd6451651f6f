/// One variant of a mapping that chooses among several: its name and its keys.
typealias Variant = (name: String, keys: [String])

extension MappingReader {
    /// Reads a mapping whose `selector` key picks one of `variants` (a policy
    /// by `name`, a distribution by `distribution`, arrivals by `process`);
    /// `defaultName` applies when the selector is absent, otherwise it is required.
    ///
    /// Keys are checked twice: first against every variant, so a typo is an
    /// unknown key; then against the chosen one, so another variant's key is
    /// refused with `hint(chosen, variants that accept the key)`.
    static func variant(_ node: ConfigNode, path: String, selector: String, variants: [Variant],
                        defaultName: String? = nil, context: DecodingContext,
                        hint: @escaping (_ chosen: String, _ owners: [String]) -> String?)
        throws(ScenarioError) -> (name: String, reader: MappingReader) {
        let names = variants.map(\.name)
        let loose = try MappingReader(node, path: path, allowed: [selector] + variants.flatMap(\.keys), context: context)
        let name: String
        if let defaultName, loose[selector] == nil {
            name = defaultName
        } else {
            name = try loose.requiredChoice(selector, names)
        }
        let keys = variants.first { $0.name == name }?.keys ?? []
        let reader = try MappingReader(node, path: path, allowed: [selector] + keys, context: context) { key in
            hint(name, variants.filter { $0.keys.contains(key) }.map(\.name))
        }
        return (name, reader)
    }
}
