/**
 * Requests a UDP reachability probe sends to a well-known port, so that a real service answers (a UDP service
 * ignores an empty datagram, and silence proves nothing). Each is the smallest valid request of its protocol.
 */
export interface UdpPayload {
  readonly name: string;
  /** The datagram, hex-encoded (probe options are plain strings). */
  readonly hex: string;
}

/** DNS: id 0x464d, recursion desired, one question: `.` NS IN. */
const DNS_ROOT_NS = '464d01000001000000000000' + '00' + '0002' + '0001';
/** SNTP v4 client request (LI 0, VN 4, mode 3), every other field zero. */
const SNTP = `23${'00'.repeat(47)}`;
/** STUN binding request (RFC 5389): type 0x0001, length 0, magic cookie, a fixed transaction id. */
const STUN = `00010000` + '2112a442' + '464d70726f62652d6f6e6531';

const BY_PORT: Readonly<Record<number, UdpPayload>> = {
  53: { name: 'dns', hex: DNS_ROOT_NS },
  123: { name: 'sntp', hex: SNTP },
  3478: { name: 'stun', hex: STUN },
};

export const udpPayloadFor = (port: number): UdpPayload | undefined => BY_PORT[port];
