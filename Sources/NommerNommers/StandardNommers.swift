import NommerLive

/// The nommers a worker offers, configured alike: `sleep`, and `ffmpeg`
/// confined to `roots` and fetching through `addressGuard`.
public enum StandardNommers {
    public static func all(roots: AllowedRoots, addressGuard: AddressGuard,
                           ffmpeg settings: FFmpegSettings = FFmpegSettings()) -> [any Nommer] {
        [SleepNommer(), FFmpegNommer(settings: settings, roots: roots, addressGuard: addressGuard)]
    }
}
