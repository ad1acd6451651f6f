import NommerConfig
import Testing

/// The `aws` section: every key read, defaults kept, bad values located.
@Suite struct AWSSectionTests {
    @Test func everyKeyIsRead() throws {
        let yaml = """
        aws:
          region: eu-west-1
          endpoint_url: http://127.0.0.1:5000
          new_jobs_queue: q-new
          state_changes_queue: q-changes
          job_store: simpledb
          job_table: jobs
          fleet_name: f
          ami_id: ami-1
          instance_type: t3.micro
          subnet_id: subnet-1
          security_group_ids: [sg-1, sg-2]
          instance_profile: worker
          user_data: "#!/bin/sh"
          metadata_url: http://127.0.0.1:1
          retry_max_attempts: 5
          request_timeout_seconds: 7
        """
        let aws = try ScenarioLoader.parse(yaml: yaml, file: "x.yaml").aws
        var expected = AWSSpec()
        expected.region = "eu-west-1"
        expected.endpointURL = "http://127.0.0.1:5000"
        expected.newJobsQueue = "q-new"
        expected.stateChangesQueue = "q-changes"
        expected.jobStore = .simpledb
        expected.jobTable = "jobs"
        expected.fleetName = "f"
        expected.amiID = "ami-1"
        expected.instanceType = "t3.micro"
        expected.subnetID = "subnet-1"
        expected.securityGroupIDs = ["sg-1", "sg-2"]
        expected.instanceProfile = "worker"
        expected.userData = "#!/bin/sh"
        expected.metadataURL = "http://127.0.0.1:1"
        expected.retryMaxAttempts = 5
        expected.requestTimeoutSeconds = 7
        #expect(aws == expected)
    }

    @Test func absentSectionKeepsDefaultsAndOverridesWork() throws {
        #expect(try ScenarioLoader.parse(yaml: "name: x", file: "x.yaml").aws == AWSSpec())
        let aws = try ScenarioLoader.parse(yaml: "name: x", file: "x.yaml",
                                           overrides: ["aws.region=us-east-2", "aws.security_group_ids=sg-9"]).aws
        #expect(aws.region == "us-east-2")
        #expect(aws.securityGroupIDs == ["sg-9"])
        #expect(ScenarioSchema.knownKeyPaths.contains("aws.ami_id"))
    }

    @Test func badValuesNameFileLineAndKey() throws {
        let store = try #require(failure("name: x\naws:\n  job_store: mysql\n"))
        #expect(store.keyPath == "aws.job_store")
        #expect(store.line == 3)
        #expect(store.description.contains("one of dynamodb, simpledb"))
        let unknown = try #require(failure("aws:\n  regoin: x\n"))
        #expect(unknown.keyPath == "aws.regoin")
        #expect(unknown.line == 2)
        let groups = try #require(failure("aws:\n  security_group_ids: {a: 1}\n"))
        #expect(groups.keyPath == "aws.security_group_ids")
        let attempts = try #require(failure("aws:\n  retry_max_attempts: 0\n"))
        #expect(attempts.keyPath == "aws.retry_max_attempts")
    }
}
