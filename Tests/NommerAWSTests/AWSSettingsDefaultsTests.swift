import NommerAWS
import NommerAWSLive
import NommerConfig
import Testing

/// `AWSSpec` (the `aws.*` keys, NommerConfig) and `AWSBackendSettings`
/// (NommerAWS, which does not depend on the config module) each state the
/// defaults; this keeps them from drifting apart.
@Suite("AWS settings defaults")
struct AWSSettingsDefaultsTests {
    @Test("an empty aws section gives exactly AWSBackendSettings' own defaults")
    func specDefaultsMatchSettingsDefaults() {
        #expect(AWSBackendSettings(AWSSpec(), launches: false) == AWSBackendSettings())
        #expect(AWSBackendSettings(AWSSpec(), launches: true) == AWSBackendSettings()) // no ami_id: no launches
    }

    @Test("every key is carried over")
    func everyKeyIsMapped() {
        var spec = AWSSpec()
        spec.region = "eu-west-1"
        spec.endpointURL = "http://127.0.0.1:5000"
        spec.newJobsQueue = "a"
        spec.stateChangesQueue = "b"
        spec.jobStore = .simpledb
        spec.jobTable = "c"
        spec.fleetName = "d"
        spec.amiID = "ami-1"
        spec.instanceType = "t3.micro"
        spec.retryMaxAttempts = 5
        spec.requestTimeoutSeconds = 7
        spec.metadataURL = "http://127.0.0.1:1338"
        let settings = AWSBackendSettings(spec, launches: true)
        #expect(settings.region == "eu-west-1")
        #expect(settings.endpointURL == "http://127.0.0.1:5000")
        #expect(settings.newJobsQueue == "a")
        #expect(settings.stateChangesQueue == "b")
        #expect(settings.jobStore == .simpledb)
        #expect(settings.jobTable == "c")
        #expect(settings.fleetName == "d")
        #expect(settings.launch?.imageID == "ami-1")
        #expect(settings.launch?.instanceType == "t3.micro")
        #expect(settings.retryMaxAttempts == 5)
        #expect(settings.requestTimeoutSeconds == 7)
        #expect(settings.metadataBaseURL == "http://127.0.0.1:1338")
        #expect(AWSBackendSettings(spec, launches: false).launch == nil)
    }
}
