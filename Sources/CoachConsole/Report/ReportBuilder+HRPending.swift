extension ReportBuilder {
    // Replaced by the HR sections before this lands.
    func hrSections() throws -> [ReportDocument.Section] { [] }
}
