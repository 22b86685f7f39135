/// Which parts of which kernel messages a user can see, and so are masked (SPEC §6).
/// One table drives the masking of every message type; a type not listed passes unchanged
/// (status, kernel_info_reply, comm_info_reply, ...).
enum MaskedFields {
    /// One step of a path pattern.
    enum Step: Equatable {
        case key(String)
        /// Any key or array index.
        case any
        /// Any depth below (only strings are masked there).
        case anyDepth
        /// A MIME key the user reads as text: `text/*` and `application/json`.
        case textMIME
    }

    /// An error's text, which any reply can carry (`status: error`).
    private static let errorText: [[Step]] = [[.key("evalue")], [.key("traceback"), .any]]
    /// A MIME bundle's text.
    private static let bundle: [Step] = [.key("data"), .textMIME]

    /// Paths to mask, by `msg_type`. `stream` text is masked by a streaming matcher instead.
    static let table: [String: [[Step]]] = [
        "execute_result": [bundle],
        "display_data": [bundle],
        "update_display_data": [bundle],
        "error": errorText,
        "input_request": [[.key("prompt")]],
        // The code of a cell as the kernel broadcasts it to every client.
        "execute_input": [[.key("code")]],
        "execute_reply": errorText + [
            [.key("payload"), .any, .key("data"), .textMIME],
            [.key("payload"), .any, .key("text")],
            [.key("user_expressions"), .any, .key("data"), .textMIME],
            [.key("user_expressions"), .any, .key("evalue")],
            [.key("user_expressions"), .any, .key("traceback"), .any],
        ],
        "inspect_reply": errorText + [bundle],
        "history_reply": errorText + [[.key("history"), .anyDepth]],
        "complete_reply": errorText + [[.key("matches"), .any], [.key("metadata"), .anyDepth]],
        // A widget's state and its updates: front ends show their values. Masked as one
        // JSON document, so key names give their values context.
        "comm_open": [[.key("data")]],
        "comm_msg": [[.key("data")]],
        // The debugger is left out of masked kernelspecs, but a client may still ask:
        // variable values and evaluation results are text the user sees.
        "debug_reply": [[.key("body"), .anyDepth]],
        "debug_event": [[.key("body"), .anyDepth]],
    ]

    /// The error text of replies the table does not name.
    static func paths(for messageType: String) -> [[Step]] {
        if let paths = table[messageType] { return paths }
        return messageType.hasSuffix("_reply") ? errorText : []
    }

    static func isTextMIME(_ key: String) -> Bool {
        key.hasPrefix("text/") || key == "application/json"
    }

    /// Whether `path` is matched by `pattern`; `.anyDepth` matches one step or more.
    static func matches(_ pattern: ArraySlice<Step>, _ path: ArraySlice<JSONValues.Step>) -> Bool {
        guard let first = pattern.first else { return path.isEmpty }
        guard let step = path.first else { return false }
        switch first {
        case .anyDepth:
            return true
        case .any:
            return matches(pattern.dropFirst(), path.dropFirst())
        case .key(let name):
            guard case .key(let key) = step, key == name else { return false }
            return matches(pattern.dropFirst(), path.dropFirst())
        case .textMIME:
            guard case .key(let key) = step, isTextMIME(key) else { return false }
            return matches(pattern.dropFirst(), path.dropFirst())
        }
    }
}
