import Foundation
import Testing

import MaskrunSystem

@testable import MaskrunRecording

@Suite struct PathTemplateTests {
    let values = PathTemplate.Values(time: 1_700_000_000, pid: 4242, command: "/usr/bin/make", home: "/home/u")

    @Test func placeholdersAreFilledIn() throws {
        #expect(try PathTemplate("logs/{cmd}-{time}-{pid}.cast").expand(values) == "logs/make-20231114T221320Z-4242.cast")
        #expect(try PathTemplate("~/rec/{cmd}.cast").expand(values) == "/home/u/rec/make.cast")
        #expect(try PathTemplate("plain.cast").expand(values) == "plain.cast")
    }

    @Test func perRunMeansTimeOrPid() {
        #expect(PathTemplate("a-{time}.cast").isPerRun && PathTemplate("a-{pid}.cast").isPerRun)
        #expect(!PathTemplate("a-{cmd}.cast").isPerRun && !PathTemplate("a.cast").isPerRun)
    }

    @Test func unknownPlaceholdersAndStrayBracesAreErrors() {
        #expect(throws: RecordingError.self) { try PathTemplate("a-{date}.cast").expand(values) }
        #expect(throws: RecordingError.self) { try PathTemplate("a-{time.cast").expand(values) }
        #expect(throws: RecordingError.self) { try PathTemplate("a}.cast").expand(values) }
        var noHome = values
        noHome.home = nil
        #expect(throws: RecordingError.self) { try PathTemplate("~/a.cast").expand(noHome) }
    }

    @Test func commandNamesAreSafeInAPath() {
        #expect(PathTemplate.commandName("./deploy.sh") == "deploy.sh")
        #expect(PathTemplate.commandName("my tool;rm") == "my_tool_rm")
        #expect(PathTemplate.commandName("..") == "command")
        #expect(PathTemplate.commandName("") == "command")
        #expect(PathTemplate.commandName(String(repeating: "x", count: 50)).count == 32)
    }
}

@Suite struct SafeCreateTests {
    @Test func aNewFileIsMode0600() throws {
        let directory = try TemporaryDirectory()
        let file = try RecordingFile.open(directory.file("a.cast"), existing: .refuse)
        try file.write(bytes("x"))
        try file.close()
        #expect(try directory.permissions("a.cast") == 0o600)
        #expect(directory.contents("a.cast") == bytes("x"))
    }

    @Test func anExistingFileIsRefusedAndKept() throws {
        let directory = try TemporaryDirectory()
        try Data("keep".utf8).write(to: URL(fileURLWithPath: directory.file("a.cast")))
        do {
            _ = try RecordingFile.open(directory.file("a.cast"), existing: .refuse)
            Issue.record("opened an existing file")
        } catch {
            #expect(error.errno == EEXIST)
            #expect(error.description == "\(directory.file("a.cast")): the file exists; maskrun does not overwrite recordings")
        }
        #expect(directory.contents("a.cast") == bytes("keep"))
    }

    @Test func aSymbolicLinkIsNeverFollowedEvenWithAppend() throws {
        let directory = try TemporaryDirectory()
        try Data("target".utf8).write(to: URL(fileURLWithPath: directory.file("target")))
        try FileManager.default.createSymbolicLink(atPath: directory.file("link.cast"), withDestinationPath: directory.file("target"))
        try FileManager.default.createSymbolicLink(atPath: directory.file("dangling.cast"), withDestinationPath: directory.file("nothing"))
        for name in ["link.cast", "dangling.cast"] {
            for existing in [RecordingFile.ExistingFile.refuse, .append, .pickAnotherName] {
                #expect(throws: RecordingError.self) { try RecordingFile.open(directory.file(name), existing: existing) }
            }
        }
        #expect(directory.contents("target") == bytes("target"))
        #expect(!FileManager.default.fileExists(atPath: directory.file("nothing")))
    }

    @Test func appendAddsToTheEndOfAPrivateFile() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("a.txt")
        try Data("one\n".utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        let file = try RecordingFile.open(path, existing: .append)
        #expect(!file.created && file.initialSize == 4)
        try file.write(bytes("two\n"))
        try file.close()
        #expect(directory.contents("a.txt") == bytes("one\ntwo\n"))
        #expect(try directory.permissions("a.txt") == 0o600)
    }

    /// SPEC §5: anything but a private regular file of one's own is refused, and left
    /// exactly as it was: no byte added, no mode bit changed.
    @Test func appendRefusesSharedFilesWithoutTouchingThem() throws {
        let directory = try TemporaryDirectory()
        for mode in [0o644, 0o640, 0o666, 0o604, 0o610, 0o601] {
            let path = directory.file("m\(mode).txt")
            try Data("before\n".utf8).write(to: URL(fileURLWithPath: path))
            try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
            #expect(throws: RecordingError.self) { try RecordingFile.open(path, existing: .append) }
            #expect(directory.contents("m\(mode).txt") == bytes("before\n"))
            #expect(try directory.permissions("m\(mode).txt") == mode)
        }
        let linked = directory.file("linked.txt")
        try Data("before\n".utf8).write(to: URL(fileURLWithPath: linked))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: linked)
        try FileManager.default.linkItem(atPath: linked, toPath: directory.file("second-name.txt"))
        #expect(throws: RecordingError.self) { try RecordingFile.open(linked, existing: .append) }
        #expect(directory.contents("linked.txt") == bytes("before\n"))
        #expect(throws: RecordingError.self) { try RecordingFile.open("/dev/null", existing: .append) }
        #expect(throws: RecordingError.self) { try RecordingFile.open(directory.path, existing: .append) }
    }

    @Test func appendRefusesAFileOfAnotherUser() {
        let mine = FileStatus(kind: .regular, owner: 1000, links: 1, permissions: 0o600)
        #expect(RecordingFile.appendRefusal(mine, user: 1000) == nil)
        #expect(RecordingFile.appendRefusal(mine, user: 0) == "belongs to another user")
        var fifo = mine
        fifo.kind = .other
        #expect(RecordingFile.appendRefusal(fifo, user: 1000) == "is not a regular file")
    }

    @Test func perRunPathsGetANumberInsteadOfOverwriting() throws {
        let directory = try TemporaryDirectory()
        try Data().write(to: URL(fileURLWithPath: directory.file("s-1.cast.age")))
        let file = try RecordingFile.open(directory.file("s-1.cast.age"), existing: .pickAnotherName)
        #expect(file.path == directory.file("s-1-2.cast.age"))
        #expect(RecordingFile.numbered("/d.x/.hidden", 3) == "/d.x/.hidden-3")
        #expect(RecordingFile.numbered("name", 2) == "name-2")
    }

    @Test func missingParentsAreCreated0700() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("a/b/c.cast")
        try RecordingFile.createParentDirectories(of: path)
        #expect(try directory.permissions("a") == 0o700 && directory.permissions("a/b") == 0o700)
        _ = try RecordingFile.open(path, existing: .refuse)
        #expect(try RecordingFile.identity(of: directory.file("a/./b/../b/c.cast")) == RecordingFile.identity(of: path))
    }

    @Test func discardRemovesOnlyAFileMaskrunCreated() throws {
        let directory = try TemporaryDirectory()
        try RecordingFile.open(directory.file("new.cast"), existing: .refuse).discard()
        #expect(!FileManager.default.fileExists(atPath: directory.file("new.cast")))
        try Data("old".utf8).write(to: URL(fileURLWithPath: directory.file("old.cast")))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: directory.file("old.cast"))
        try RecordingFile.open(directory.file("old.cast"), existing: .append).discard()
        #expect(directory.contents("old.cast") == bytes("old"))
    }
}
