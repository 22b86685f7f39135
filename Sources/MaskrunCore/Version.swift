/// maskrun's version, printed by `--version`.
public enum MaskrunVersion {
    public static let string = "0.1.0"
}
