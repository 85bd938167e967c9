import CoachCore
import Foundation

/// The exact text a survey was loaded from, so a session can store the version it starts with.
public enum SurveySource {
    /// The file's text if it still hashes to what was loaded; nil if it changed meanwhile.
    public static func content(of survey: Survey) -> String? {
        let text: String?
        if survey.source.hasPrefix("embedded:") {
            let name = String(survey.source.dropFirst("embedded:".count))
            text = BundledSurveys.files.first { $0.name == name }?.content
        } else {
            text = FileManager.default.contents(atPath: survey.source).map { String(decoding: $0, as: UTF8.self) }
        }
        guard let text, SHA256.hex(Data(text.utf8)) == survey.contentHash else { return nil }
        return text
    }
}
