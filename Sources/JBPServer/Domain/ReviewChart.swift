/// The charts of a case's review that a trainee can open for their variant
/// (`GET /t/charts/{exercise}/{chart}.svg`, listed in `GET /api/me/exercises` as `charts`).
public enum ReviewChart: String, CaseIterable, Sendable {
    /// The ROI tree with the case's figures.
    case roiTree = "roi_tree"
    /// The six GAPs, actual against target.
    case gaps
    /// Today's ROI, each area's gain, the potential ROI.
    case waterfall
}
