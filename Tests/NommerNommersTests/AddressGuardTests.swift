import NommerNommers
import XCTest

final class AddressGuardTests: XCTestCase {
    private func permits(_ guardian: AddressGuard, _ address: String) -> Bool {
        guard let bytes = IPAddress.bytes(address) else {
            XCTFail("not an address: \(address)")
            return false
        }
        return guardian.permits(bytes)
    }

    func testMetadataAndLinkLocalAreRefusedByDefault() {
        let guardian = AddressGuard()
        for address in ["169.254.169.254", "169.254.0.1", "fd00:ec2::254", "fe80::1", "::ffff:169.254.169.254"] {
            XCTAssertFalse(permits(guardian, address), address)
        }
    }

    func testPrivateAndLoopbackAreRefusedUnlessAllowListed() {
        let guardian = AddressGuard()
        for address in ["127.0.0.1", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "::1", "fc00::1",
                        "0.0.0.0", "100.64.0.1", "::ffff:127.0.0.1", "64:ff9b::a00:1", "224.0.0.1",
                        "::127.0.0.1", "::"] {
            XCTAssertFalse(permits(guardian, address), address)
        }
        let open = AddressGuard(allowed: [CIDR("127.0.0.0/8"), CIDR("::1/128")].compactMap { $0 })
        XCTAssertTrue(permits(open, "127.0.0.1"))
        XCTAssertTrue(permits(open, "::1"))
        XCTAssertTrue(permits(open, "::ffff:127.0.0.1"))
        XCTAssertFalse(permits(open, "169.254.169.254"))
        XCTAssertFalse(permits(open, "10.0.0.1"))
    }

    func testPublicAddressesArePermitted() {
        let guardian = AddressGuard()
        for address in ["93.184.216.34", "8.8.8.8", "172.32.0.1", "2606:2800:220:1:248:1893:25c8:1946"] {
            XCTAssertTrue(permits(guardian, address), address)
        }
    }

    func testCIDRParsingAndMatching() throws {
        let range = try XCTUnwrap(CIDR("172.16.0.0/12"))
        XCTAssertTrue(range.contains(try XCTUnwrap(IPAddress.bytes("172.20.1.1"))))
        XCTAssertFalse(range.contains(try XCTUnwrap(IPAddress.bytes("172.32.0.1"))))
        XCTAssertEqual(CIDR("fd00:ec2::254")?.prefixLength, 128)
        XCTAssertNil(CIDR("10.0.0.0/33"))
        XCTAssertNil(CIDR("not-an-address/8"))
        XCTAssertNil(CIDR("10.0.0.0/x"))
    }

    func testCommandLineRanges() throws {
        let guardian = try AddressGuard(allowing: ["127.0.0.0/8", "::1"])
        XCTAssertEqual(guardian.allowed.map(\.description), ["127.0.0.0/8", "::1/128"])
        XCTAssertThrowsError(try AddressGuard(allowing: ["127.0.0.0/8", "localhost"])) {
            XCTAssertEqual($0 as? MalformedCIDR, MalformedCIDR(text: "localhost"))
        }
    }

    func testURLsAreCheckedOnEveryResolvedAddress() throws {
        let guardian = AddressGuard()
        XCTAssertThrowsError(try guardian.checkedAddress(forURL: "http://169.254.169.254/latest/meta-data/")) {
            XCTAssertEqual($0 as? AddressGuard.Refusal, .addressRefused(host: "169.254.169.254", address: "169.254.169.254"))
        }
        XCTAssertThrowsError(try guardian.checkedAddress(forURL: "http://[fd00:ec2::254]/")) {
            XCTAssertEqual($0 as? AddressGuard.Refusal, .addressRefused(host: "fd00:ec2::254", address: "fd00:ec2::254"))
        }
        // localhost resolves to loopback addresses: refused by default, allowed when listed.
        XCTAssertThrowsError(try guardian.checkedAddress(forURL: "http://localhost:8080/x"))
        let open = AddressGuard(allowed: [CIDR("127.0.0.0/8"), CIDR("::1/128")].compactMap { $0 })
        let checked = try open.checkedAddress(forURL: "http://localhost:8080/x")
        XCTAssertEqual(checked.host, "localhost")
        XCTAssertTrue(checked.address == "127.0.0.1" || checked.address == "::1", checked.address)
        XCTAssertThrowsError(try open.checkedAddress(forURL: "ftp://127.0.0.1/x")) {
            XCTAssertEqual($0 as? AddressGuard.Refusal, .schemeNotAllowed("ftp://127.0.0.1/x"))
        }
    }

    func testHostBytesReadEveryIPv4FormAResolverAccepts() {
        let loopback: [UInt8] = [127, 0, 0, 1]
        for host in ["127.0.0.1", "2130706433", "0x7f.1", "127.1", "017700000001", "0x7F000001", "0177.0.0.1",
                     "127.0.1", "0x7f.0.0.0x1", "127.0.0.1."] {
            XCTAssertEqual(IPAddress.hostBytes(host), loopback, host)
            XCTAssertFalse(IPAddress.isMalformedNumericHost(host), host)
        }
        XCTAssertEqual(IPAddress.hostBytes("10.0x10203"), [10, 1, 2, 3])
        XCTAssertEqual(IPAddress.hostBytes("0xa9.0xfe.0xa9.0xfe"), [169, 254, 169, 254])
        XCTAssertEqual(IPAddress.hostBytes("4294967295"), [255, 255, 255, 255])
        XCTAssertEqual(IPAddress.hostBytes("0"), [0, 0, 0, 0])
        XCTAssertEqual(IPAddress.hostBytes("[::1]")?.count, 16)
        for host in ["1.2.3.4.5", "4294967296", "256.1.1.1", "1.256.1", "08.1.1.1", "1.0x1000000", "1..1"] {
            XCTAssertNil(IPAddress.hostBytes(host), host)
        }
        for host in ["1.2.3.4.5", "4294967296", "256.1.1.1", "08.1.1.1", "1.0x1000000"] {
            XCTAssertTrue(IPAddress.isMalformedNumericHost(host), host)
        }
        for host in ["example.com", "0x7f.example.com", "a1", "1.example", "localhost"] {
            XCTAssertNil(IPAddress.hostBytes(host), host)
            XCTAssertFalse(IPAddress.isMalformedNumericHost(host), host)
        }
        XCTAssertEqual(IPAddress.resolve("0x7f.1"), [loopback])
        XCTAssertThrowsError(try AddressGuard().checkedAddress(forURL: "http://2130706433/x")) {
            XCTAssertEqual($0 as? AddressGuard.Refusal, .addressRefused(host: "2130706433", address: "127.0.0.1"))
        }
    }
}
