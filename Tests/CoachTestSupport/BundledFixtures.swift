import CoachCore
import Foundation

/// Fixtures read from the bundled surveys (the files in `surveys/`, compiled into the binary),
/// so tests exercise what users run rather than copies of it.
public enum BundledFixtures {
    /// The bundled survey `id`, loaded as coach loads it; a test fails loudly if it is missing.
    public static func survey(_ id: String) throws -> Survey {
        let catalog = SurveyCatalog.load(directories: [], embedded: BundledSurveys.files)
        guard let survey = catalog.surveys[id] else { throw MissingFixture(id: id) }
        return survey
    }

    /// The text of the bundled survey file `id`.yaml, exactly as shipped.
    public static func text(_ id: String) throws -> String {
        guard let file = BundledSurveys.files.first(where: { $0.name == id + ".yaml" }) else { throw MissingFixture(id: id) }
        return file.content
    }

    /// A bundled survey id that does not exist.
    public struct MissingFixture: Error, CustomStringConvertible {
        public let id: String
        public var description: String { "no bundled survey '\(id)'" }
    }
}
