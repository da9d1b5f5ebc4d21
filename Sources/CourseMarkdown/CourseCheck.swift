import Foundation

/// The course part of `jbp check`: what loading alone cannot see, across modules.
enum CourseCheck {
    static func problems(in course: Course) -> [Problem] {
        var problems: [Problem] = []
        guard let info = course.info else { return problems }

        // Orders follow the list, and ids are unique.
        var ids: [String: String] = [:]
        for (index, module) in course.modules.enumerated() {
            let file = "course/\(module.file)"
            if module.front.order != index + 1 {
                problems.append(Problem(file: file, line: module.front.line(of: "order"), message: "order: \(module.front.order), but course.yaml lists the module as number \(index + 1)"))
            }
            if let other = ids[module.id] {
                problems.append(Problem(file: file, line: module.front.line(of: "id"), message: "id: '\(module.id)' is also the id of course/\(other)"))
            }
            ids[module.id] = module.file
        }

        // The modules fill the course's days exactly.
        let total = course.modules.reduce(0) { $0 + $1.front.minutes }
        if course.modules.count == info.moduleFiles.count, total != info.days * info.minutesPerDay {
            problems.append(Problem(file: "course/course.yaml", line: nil, message: "the modules add up to \(total) minutes, the course has \(info.days) × \(info.minutesPerDay) = \(info.days * info.minutesPerDay)"))
        }

        // Links between modules, to downloads and to other files.
        let headings = Dictionary(uniqueKeysWithValues: course.modules.map { ($0.file, Set($0.document.headings.map(\.id))) })
        for module in course.modules {
            let file = "course/\(module.file)"
            for link in module.document.links {
                if let message = brokenLink(link.url, from: module, headings: headings, course: course) {
                    problems.append(Problem(file: file, line: link.line, message: message))
                }
            }
        }

        // An exercise is embedded once: the server puts one form per exercise.
        var embedded: [String: String] = [:]
        for module in course.modules {
            for reference in module.document.exerciseReferences {
                let place = "course/\(module.file):\(reference.line)"
                if let first = embedded[reference.name] {
                    problems.append(Problem(file: "course/\(module.file)", line: reference.line, message: "exercise '\(reference.name)' is embedded twice (first at \(first))"))
                } else {
                    embedded[reference.name] = place
                }
            }
        }

        // A module file nobody lists is a module nobody sees.
        let listed = Set(info.moduleFiles)
        let files = (try? FileManager.default.contentsOfDirectory(atPath: course.root.appendingPathComponent("course").path)) ?? []
        for name in files.sorted() where name.hasSuffix(".md") && !listed.contains(name) {
            problems.append(Problem(file: "course/\(name)", line: nil, message: "not listed in course/course.yaml"))
        }
        return problems
    }

    private static func brokenLink(_ url: String, from module: Module, headings: [String: Set<String>], course: Course) -> String? {
        if url.isEmpty || url.contains("://") || url.hasPrefix("mailto:") || url.hasPrefix("/") { return nil }
        if url.hasPrefix("#") {
            let fragment = String(url.dropFirst())
            return headings[module.file]?.contains(fragment) == true ? nil : "link \(url): no heading with that id in this module"
        }
        if let (file, fragment) = ModuleLinks.moduleFile(url) {
            guard let ids = headings[file] else {
                // A listed module that did not load has problems of its own already.
                return course.info?.moduleFiles.contains(file) == true ? nil : "link \(url): no module \(file) in course/course.yaml"
            }
            if let fragment, !ids.contains(fragment) { return "link \(url): \(file) has no heading with the id '\(fragment)'" }
            return nil
        }
        let path = String(url.split(separator: "#", maxSplits: 1).first ?? "")
        let decoded = path.removingPercentEncoding ?? path
        if decoded.hasPrefix("downloads/") {
            return course.downloads.contains(String(decoded.dropFirst("downloads/".count))) ? nil : "link \(url): no such file in course/downloads/"
        }
        let target = course.root.appendingPathComponent("course").appendingPathComponent(decoded).path
        return FileManager.default.fileExists(atPath: target) ? nil : "link \(url): no such file"
    }
}
