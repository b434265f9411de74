# flowmatrix: site lync-2013-edge-example, firewall fw-external (AWS security groups). Generated: change the catalog or the site, not this file.
# One security group per site role; attach each to the instances (network interfaces) of its role.
# Ingress rules sit on the destination role, egress rules on the source role (Terraform removes the default
# allow-all egress rule). Between two site roles the peer is the other role's security group.

variable "vpc_id" {
  type        = string
  description = "VPC of the security groups"
}

resource "aws_security_group" "edge-access_edge-ext-access" {
  name        = "flowmatrix-lync-2013-edge-example-fw-external-edge-access_edge-ext-access"
  description = "flowmatrix role edge-access bound to edge-ext-access (site lync-2013-edge-example)"
  vpc_id      = var.vpc_id
  tags        = { Name = "flowmatrix-lync-2013-edge-example-fw-external-edge-access_edge-ext-access", flowmatrix_role = "edge-access" }
}

resource "aws_security_group" "edge-webconf_edge-ext-webconf" {
  name        = "flowmatrix-lync-2013-edge-example-fw-external-edge-webconf_edge-ext-webconf"
  description = "flowmatrix role edge-webconf bound to edge-ext-webconf (site lync-2013-edge-example)"
  vpc_id      = var.vpc_id
  tags        = { Name = "flowmatrix-lync-2013-edge-example-fw-external-edge-webconf_edge-ext-webconf", flowmatrix_role = "edge-webconf" }
}

resource "aws_security_group" "edge-av_edge-ext-av" {
  name        = "flowmatrix-lync-2013-edge-example-fw-external-edge-av_edge-ext-av"
  description = "flowmatrix role edge-av bound to edge-ext-av (site lync-2013-edge-example)"
  vpc_id      = var.vpc_id
  tags        = { Name = "flowmatrix-lync-2013-edge-example-fw-external-edge-av_edge-ext-av", flowmatrix_role = "edge-av" }
}

resource "aws_vpc_security_group_ingress_rule" "edge-access_edge-ext-access_in_tcp_5269" {
  security_group_id = aws_security_group.edge-access_edge-ext-access.id
  description       = "lync-2013-edge/ext-xmpp-in ref External interface, row 1; lync-2013-edge/xmpp-s2s-in ref XMPP, row 1"
  ip_protocol       = "tcp"
  from_port         = 5269
  to_port           = 5269
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_ingress_rule" "edge-access_edge-ext-access_in_tcp_5269_04o6huu" {
  security_group_id = aws_security_group.edge-access_edge-ext-access.id
  description       = "lync-2013-edge/ext-xmpp-in ref External interface, row 1; lync-2013-edge/xmpp-s2s-in ref XMPP, row 1"
  ip_protocol       = "tcp"
  from_port         = 5269
  to_port           = 5269
  cidr_ipv6         = "::/0"
}

resource "aws_vpc_security_group_egress_rule" "edge-access_edge-ext-access_out_tcp_80" {
  security_group_id = aws_security_group.edge-access_edge-ext-access.id
  description       = "lync-2013-edge/ext-crl-http ref External interface, row 2"
  ip_protocol       = "tcp"
  from_port         = 80
  to_port           = 80
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_egress_rule" "edge-access_edge-ext-access_out_tcp_80_1ugke8o" {
  security_group_id = aws_security_group.edge-access_edge-ext-access.id
  description       = "lync-2013-edge/ext-crl-http ref External interface, row 2"
  ip_protocol       = "tcp"
  from_port         = 80
  to_port           = 80
  cidr_ipv6         = "::/0"
}

resource "aws_vpc_security_group_egress_rule" "edge-access_edge-ext-access_out_tcp_53" {
  security_group_id = aws_security_group.edge-access_edge-ext-access.id
  description       = "lync-2013-edge/ext-dns-tcp ref External interface, row 3"
  ip_protocol       = "tcp"
  from_port         = 53
  to_port           = 53
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_egress_rule" "edge-access_edge-ext-access_out_tcp_53_1nn4dnk" {
  security_group_id = aws_security_group.edge-access_edge-ext-access.id
  description       = "lync-2013-edge/ext-dns-tcp ref External interface, row 3"
  ip_protocol       = "tcp"
  from_port         = 53
  to_port           = 53
  cidr_ipv6         = "::/0"
}

resource "aws_vpc_security_group_egress_rule" "edge-access_edge-ext-access_out_udp_53" {
  security_group_id = aws_security_group.edge-access_edge-ext-access.id
  description       = "lync-2013-edge/ext-dns-udp ref External interface, row 4"
  ip_protocol       = "udp"
  from_port         = 53
  to_port           = 53
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_egress_rule" "edge-access_edge-ext-access_out_udp_53_10lrd3o" {
  security_group_id = aws_security_group.edge-access_edge-ext-access.id
  description       = "lync-2013-edge/ext-dns-udp ref External interface, row 4"
  ip_protocol       = "udp"
  from_port         = 53
  to_port           = 53
  cidr_ipv6         = "::/0"
}

resource "aws_vpc_security_group_ingress_rule" "edge-access_edge-ext-access_in_tcp_443" {
  security_group_id = aws_security_group.edge-access_edge-ext-access.id
  description       = "lync-2013-edge/ext-sip-client-in ref External interface, row 5"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_ingress_rule" "edge-access_edge-ext-access_in_tcp_443_0559lvi" {
  security_group_id = aws_security_group.edge-access_edge-ext-access.id
  description       = "lync-2013-edge/ext-sip-client-in ref External interface, row 5"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv6         = "::/0"
}

resource "aws_vpc_security_group_ingress_rule" "edge-access_edge-ext-access_in_tcp_5061" {
  security_group_id = aws_security_group.edge-access_edge-ext-access.id
  description       = "lync-2013-edge/ext-sip-federation-in ref External interface, row 6"
  ip_protocol       = "tcp"
  from_port         = 5061
  to_port           = 5061
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_ingress_rule" "edge-access_edge-ext-access_in_tcp_5061_1i5vamu" {
  security_group_id = aws_security_group.edge-access_edge-ext-access.id
  description       = "lync-2013-edge/ext-sip-federation-in ref External interface, row 6"
  ip_protocol       = "tcp"
  from_port         = 5061
  to_port           = 5061
  cidr_ipv6         = "::/0"
}

resource "aws_vpc_security_group_egress_rule" "edge-access_edge-ext-access_out_tcp_5061" {
  security_group_id = aws_security_group.edge-access_edge-ext-access.id
  description       = "lync-2013-edge/ext-sip-federation-out ref External interface, row 7; lync-2013-edge/fed-sip-out ref Federation, row 1"
  ip_protocol       = "tcp"
  from_port         = 5061
  to_port           = 5061
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_egress_rule" "edge-access_edge-ext-access_out_tcp_5061_0dgm9q0" {
  security_group_id = aws_security_group.edge-access_edge-ext-access.id
  description       = "lync-2013-edge/ext-sip-federation-out ref External interface, row 7; lync-2013-edge/fed-sip-out ref Federation, row 1"
  ip_protocol       = "tcp"
  from_port         = 5061
  to_port           = 5061
  cidr_ipv6         = "::/0"
}

resource "aws_vpc_security_group_ingress_rule" "edge-webconf_edge-ext-webconf_in_tcp_443" {
  security_group_id = aws_security_group.edge-webconf_edge-ext-webconf.id
  description       = "lync-2013-edge/ext-psom-in ref External interface, row 8"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_egress_rule" "edge-access_edge-ext-access_out_tcp_50000" {
  security_group_id = aws_security_group.edge-access_edge-ext-access.id
  description       = "lync-2013-edge/ext-rtp-tcp-out ref External interface, row 9"
  ip_protocol       = "tcp"
  from_port         = 50000
  to_port           = 59999
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_egress_rule" "edge-access_edge-ext-access_out_tcp_50000_06nwgxo" {
  security_group_id = aws_security_group.edge-access_edge-ext-access.id
  description       = "lync-2013-edge/ext-rtp-tcp-out ref External interface, row 9"
  ip_protocol       = "tcp"
  from_port         = 50000
  to_port           = 59999
  cidr_ipv6         = "::/0"
}

resource "aws_vpc_security_group_egress_rule" "edge-av_edge-ext-av_out_udp_50000" {
  security_group_id = aws_security_group.edge-av_edge-ext-av.id
  description       = "lync-2013-edge/ext-rtp-udp-out-ocs2007 ref External interface, row 10"
  ip_protocol       = "udp"
  from_port         = 50000
  to_port           = 59999
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_ingress_rule" "edge-av_edge-ext-av_in_tcp_50000" {
  security_group_id = aws_security_group.edge-av_edge-ext-av.id
  description       = "lync-2013-edge/ext-rtp-tcp-in-ocs2007 ref External interface, row 11"
  ip_protocol       = "tcp"
  from_port         = 50000
  to_port           = 59999
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_ingress_rule" "edge-av_edge-ext-av_in_udp_50000" {
  security_group_id = aws_security_group.edge-av_edge-ext-av.id
  description       = "lync-2013-edge/ext-rtp-udp-in-ocs2007 ref External interface, row 12"
  ip_protocol       = "udp"
  from_port         = 50000
  to_port           = 59999
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_egress_rule" "edge-av_edge-ext-av_out_udp_3478" {
  security_group_id = aws_security_group.edge-av_edge-ext-av.id
  description       = "lync-2013-edge/ext-stun-udp-out ref External interface, row 13"
  ip_protocol       = "udp"
  from_port         = 3478
  to_port           = 3478
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_ingress_rule" "edge-av_edge-ext-av_in_udp_3478" {
  security_group_id = aws_security_group.edge-av_edge-ext-av.id
  description       = "lync-2013-edge/ext-stun-udp-in ref External interface, row 14"
  ip_protocol       = "udp"
  from_port         = 3478
  to_port           = 3478
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_ingress_rule" "edge-av_edge-ext-av_in_tcp_443" {
  security_group_id = aws_security_group.edge-av_edge-ext-av.id
  description       = "lync-2013-edge/ext-stun-tcp-in ref External interface, row 15"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_egress_rule" "edge-av_edge-ext-av_out_tcp_443" {
  security_group_id = aws_security_group.edge-av_edge-ext-av.id
  description       = "lync-2013-edge/ext-stun-tcp-out ref External interface, row 16"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_egress_rule" "edge-access_edge-ext-access_out_tcp_5269" {
  security_group_id = aws_security_group.edge-access_edge-ext-access.id
  description       = "lync-2013-edge/xmpp-s2s-out ref XMPP, row 2"
  ip_protocol       = "tcp"
  from_port         = 5269
  to_port           = 5269
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_egress_rule" "edge-access_edge-ext-access_out_tcp_5269_0ljhy8o" {
  security_group_id = aws_security_group.edge-access_edge-ext-access.id
  description       = "lync-2013-edge/xmpp-s2s-out ref XMPP, row 2"
  ip_protocol       = "tcp"
  from_port         = 5269
  to_port           = 5269
  cidr_ipv6         = "::/0"
}

output "flowmatrix_security_groups" {
  value = { "edge-access_edge-ext-access" = aws_security_group.edge-access_edge-ext-access.id, "edge-webconf_edge-ext-webconf" = aws_security_group.edge-webconf_edge-ext-webconf.id, "edge-av_edge-ext-av" = aws_security_group.edge-av_edge-ext-av.id }
}
