import Metrics
import Prometheus

/// The process's metrics for `GET /metrics`, in Prometheus's text format: Hummingbird's own
/// `MetricsMiddleware` counts requests by route, method and status and times them; the
/// classroom counts graded submissions and times the grader.
enum ServerMetrics {
    /// The registry, with swift-metrics bootstrapped onto it. A process bootstraps swift-metrics
    /// once only; every application built in it (the tests build hundreds) shares this one.
    static let registry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        // Prometheus names allow [a-zA-Z0-9_:] only; Hummingbird's are OpenTelemetry's dotted ones.
        factory.nameAndLabelSanitizer = { label, dimensions in
            (sanitized(label), dimensions.map { (sanitized($0.0), $0.1) })
        }
        factory.defaultDurationHistogramBuckets = requestBuckets
        MetricsSystem.bootstrap(factory)
        return registry
    }()

    static let requestBuckets: [Duration] = [
        .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
        .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2), .seconds(5),
    ]

    /// Submissions graded (automatically, on arrival or by a regrade), by exercise kind.
    static func graded(kind: String) -> Prometheus.Counter {
        registry.makeCounter(
            descriptor: MetricNameDescriptor(
                namespace: "jbp", metricName: "submissions_graded", unitName: "total", helpText: "Submissions graded, by exercise kind."),
            labels: [("kind", kind)])
    }

    /// The grader's time per submission, by exercise kind.
    static func gradingTime(kind: String) -> DurationHistogram {
        registry.makeDurationHistogram(
            descriptor: MetricNameDescriptor(
                namespace: "jbp", metricName: "grading", unitName: "seconds", helpText: "Time the grader took for one submission, by exercise kind."),
            labels: [("kind", kind)],
            buckets: [.microseconds(10), .microseconds(50), .microseconds(100), .microseconds(500), .milliseconds(1), .milliseconds(5), .milliseconds(20)])
    }

    /// Times one grading and counts it.
    static func timeGrading<T>(kind: String, _ body: () throws -> T) rethrows -> T {
        let clock = ContinuousClock()
        let start = clock.now
        let value = try body()
        gradingTime(kind: kind).record(clock.now - start)
        graded(kind: kind).increment()
        return value
    }

    /// The text format, every metric.
    static func text() -> String {
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }

    static func sanitized(_ name: String) -> String {
        String(name.unicodeScalars.map { scalar -> Character in
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", "_", ":": return Character(scalar)
            default: return "_"
            }
        })
    }
}
