extension ProviderNames {
    /// `namesCredential` for ASCII names, on bytes: the same tables, lower-cased and compared
    /// byte by byte. Swift's string comparison and Foundation's search, which it replaces,
    /// were more than half of `maskrun filter`'s instructions on a build log (issue 13).
    /// On ASCII text they answer alike: lower case is ASCII lower case, and every character is
    /// one byte except CR LF, which no service name or secret word contains (`applies`).
    enum NameBytes {
        static let services: [[UInt8]] = ProviderNames.allServices.map { Array($0.utf8) }
        static let words: [[UInt8]] = ProviderNames.secretWords.map { Array($0.utf8) }

        /// Whether the tables allow the byte-level path: no empty entry (Foundation finds an
        /// empty string nowhere), no CR or LF (they join into one character).
        static let applies = (services + words).allSatisfy { entry in
            !entry.isEmpty && !entry.contains(UInt8(ascii: "\r")) && !entry.contains(UInt8(ascii: "\n"))
        }

        /// Whether, after the longest service name `name` starts with (none: the whole name),
        /// a secret word occurs; `name` is ASCII.
        static func namesCredential(_ name: ArraySlice<UInt8>) -> Bool {
            let lower = name.map { $0 &- UInt8(ascii: "A") < 26 ? $0 | 0x20 : $0 }
            var serviceLength = 0
            for service in services where service.count > serviceLength && lower.starts(with: service) {
                serviceLength = service.count
            }
            let rest = lower[serviceLength...]
            return words.contains { word in occurs(word, in: rest) }
        }

        private static func occurs(_ word: [UInt8], in text: ArraySlice<UInt8>) -> Bool {
            guard word.count <= text.count else { return false }
            let first = word[0]
            var start = text.startIndex
            let last = text.endIndex - word.count
            while start <= last {
                if text[start] == first && text[start..<start + word.count].elementsEqual(word) { return true }
                start += 1
            }
            return false
        }
    }
}
