# flowmatrix: site fixture-site, firewall fw (AWS security groups). Generated: change the catalog or the site, not this file.
# One security group per site role; attach each to the instances (network interfaces) of its role.
# Ingress rules sit on the destination role, egress rules on the source role (Terraform removes the default
# allow-all egress rule). Between two site roles the peer is the other role's security group.

variable "vpc_id" {
  type        = string
  description = "VPC of the security groups"
}

resource "aws_security_group" "web_hamilton-web" {
  name        = "flowmatrix-fixture-site-fw-web_hamilton-web"
  description = "flowmatrix role web bound to hamilton-web (site fixture-site)"
  vpc_id      = var.vpc_id
  tags        = { Name = "flowmatrix-fixture-site-fw-web_hamilton-web", flowmatrix_role = "web" }
}

resource "aws_security_group" "admin-workstation_admins" {
  name        = "flowmatrix-fixture-site-fw-admin-workstation_admins"
  description = "flowmatrix role admin-workstation bound to admins (site fixture-site)"
  vpc_id      = var.vpc_id
  tags        = { Name = "flowmatrix-fixture-site-fw-admin-workstation_admins", flowmatrix_role = "admin-workstation" }
}

resource "aws_security_group" "sql" {
  name        = "flowmatrix-fixture-site-fw-sql"
  description = "flowmatrix role sql (site fixture-site)"
  vpc_id      = var.vpc_id
  tags        = { Name = "flowmatrix-fixture-site-fw-sql", flowmatrix_role = "sql" }
}

resource "aws_security_group" "smtp-relay" {
  name        = "flowmatrix-fixture-site-fw-smtp-relay"
  description = "flowmatrix role smtp-relay (site fixture-site)"
  vpc_id      = var.vpc_id
  tags        = { Name = "flowmatrix-fixture-site-fw-smtp-relay", flowmatrix_role = "smtp-relay" }
}

resource "aws_security_group" "graph" {
  name        = "flowmatrix-fixture-site-fw-graph"
  description = "flowmatrix role graph (site fixture-site)"
  vpc_id      = var.vpc_id
  tags        = { Name = "flowmatrix-fixture-site-fw-graph", flowmatrix_role = "graph" }
}

resource "aws_security_group" "edge-access" {
  name        = "flowmatrix-fixture-site-fw-edge-access"
  description = "flowmatrix role edge-access (site fixture-site)"
  vpc_id      = var.vpc_id
  tags        = { Name = "flowmatrix-fixture-site-fw-edge-access", flowmatrix_role = "edge-access" }
}

resource "aws_security_group" "lync-clients_lync-users" {
  name        = "flowmatrix-fixture-site-fw-lync-clients_lync-users"
  description = "flowmatrix role lync-clients bound to lync-users (site fixture-site)"
  vpc_id      = var.vpc_id
  tags        = { Name = "flowmatrix-fixture-site-fw-lync-clients_lync-users", flowmatrix_role = "lync-clients" }
}

resource "aws_security_group" "monitoring" {
  name        = "flowmatrix-fixture-site-fw-monitoring"
  description = "flowmatrix role monitoring (site fixture-site)"
  vpc_id      = var.vpc_id
  tags        = { Name = "flowmatrix-fixture-site-fw-monitoring", flowmatrix_role = "monitoring" }
}

resource "aws_security_group" "proxy" {
  name        = "flowmatrix-fixture-site-fw-proxy"
  description = "flowmatrix role proxy (site fixture-site)"
  vpc_id      = var.vpc_id
  tags        = { Name = "flowmatrix-fixture-site-fw-proxy", flowmatrix_role = "proxy" }
}

resource "aws_vpc_security_group_ingress_rule" "web_hamilton-web_in_tcp_443" {
  security_group_id            = aws_security_group.web_hamilton-web.id
  description                  = "fixture/admin-web ref 4.1"
  ip_protocol                  = "tcp"
  from_port                    = 443
  to_port                      = 443
  referenced_security_group_id = aws_security_group.admin-workstation_admins.id
}

resource "aws_vpc_security_group_ingress_rule" "web_hamilton-web_in_tcp_3389" {
  security_group_id            = aws_security_group.web_hamilton-web.id
  description                  = "fixture/admin-web ref 4.1"
  ip_protocol                  = "tcp"
  from_port                    = 3389
  to_port                      = 3389
  referenced_security_group_id = aws_security_group.admin-workstation_admins.id
}

resource "aws_vpc_security_group_egress_rule" "admin-workstation_admins_out_tcp_443" {
  security_group_id            = aws_security_group.admin-workstation_admins.id
  description                  = "fixture/admin-web ref 4.1"
  ip_protocol                  = "tcp"
  from_port                    = 443
  to_port                      = 443
  referenced_security_group_id = aws_security_group.web_hamilton-web.id
}

resource "aws_vpc_security_group_egress_rule" "admin-workstation_admins_out_tcp_3389" {
  security_group_id            = aws_security_group.admin-workstation_admins.id
  description                  = "fixture/admin-web ref 4.1"
  ip_protocol                  = "tcp"
  from_port                    = 3389
  to_port                      = 3389
  referenced_security_group_id = aws_security_group.web_hamilton-web.id
}

resource "aws_vpc_security_group_ingress_rule" "sql_in_tcp_1433" {
  security_group_id            = aws_security_group.sql.id
  description                  = "fixture/web-sql ref 4.2 SQL"
  ip_protocol                  = "tcp"
  from_port                    = 1433
  to_port                      = 1433
  referenced_security_group_id = aws_security_group.web_hamilton-web.id
}

resource "aws_vpc_security_group_egress_rule" "web_hamilton-web_out_tcp_1433" {
  security_group_id            = aws_security_group.web_hamilton-web.id
  description                  = "fixture/web-sql ref 4.2 SQL"
  ip_protocol                  = "tcp"
  from_port                    = 1433
  to_port                      = 1433
  referenced_security_group_id = aws_security_group.sql.id
}

resource "aws_vpc_security_group_ingress_rule" "smtp-relay_in_tcp_25" {
  security_group_id            = aws_security_group.smtp-relay.id
  description                  = "fixture/web-smtp ref 5.1"
  ip_protocol                  = "tcp"
  from_port                    = 25
  to_port                      = 25
  referenced_security_group_id = aws_security_group.web_hamilton-web.id
}

resource "aws_vpc_security_group_ingress_rule" "smtp-relay_in_tcp_587" {
  security_group_id            = aws_security_group.smtp-relay.id
  description                  = "fixture/web-smtp ref 5.1"
  ip_protocol                  = "tcp"
  from_port                    = 587
  to_port                      = 587
  referenced_security_group_id = aws_security_group.web_hamilton-web.id
}

resource "aws_vpc_security_group_egress_rule" "web_hamilton-web_out_tcp_25" {
  security_group_id            = aws_security_group.web_hamilton-web.id
  description                  = "fixture/web-smtp ref 5.1"
  ip_protocol                  = "tcp"
  from_port                    = 25
  to_port                      = 25
  referenced_security_group_id = aws_security_group.smtp-relay.id
}

resource "aws_vpc_security_group_egress_rule" "web_hamilton-web_out_tcp_587" {
  security_group_id            = aws_security_group.web_hamilton-web.id
  description                  = "fixture/web-smtp ref 5.1"
  ip_protocol                  = "tcp"
  from_port                    = 587
  to_port                      = 587
  referenced_security_group_id = aws_security_group.smtp-relay.id
}

resource "aws_vpc_security_group_ingress_rule" "graph_in_tcp_443" {
  security_group_id            = aws_security_group.graph.id
  description                  = "m365/graph ref row 12"
  ip_protocol                  = "tcp"
  from_port                    = 443
  to_port                      = 443
  referenced_security_group_id = aws_security_group.web_hamilton-web.id
}

resource "aws_vpc_security_group_egress_rule" "web_hamilton-web_out_tcp_443" {
  security_group_id            = aws_security_group.web_hamilton-web.id
  description                  = "m365/graph ref row 12"
  ip_protocol                  = "tcp"
  from_port                    = 443
  to_port                      = 443
  referenced_security_group_id = aws_security_group.graph.id
}

resource "aws_vpc_security_group_ingress_rule" "edge-access_in_udp_3478" {
  security_group_id            = aws_security_group.edge-access.id
  description                  = "lync/lync-media ref row 7; A/V/RTP/TCP/50 000-59 999"
  ip_protocol                  = "udp"
  from_port                    = 3478
  to_port                      = 3478
  referenced_security_group_id = aws_security_group.lync-clients_lync-users.id
}

resource "aws_vpc_security_group_ingress_rule" "edge-access_in_udp_50000" {
  security_group_id            = aws_security_group.edge-access.id
  description                  = "lync/lync-media ref row 7; A/V/RTP/TCP/50 000-59 999"
  ip_protocol                  = "udp"
  from_port                    = 50000
  to_port                      = 59999
  referenced_security_group_id = aws_security_group.lync-clients_lync-users.id
}

resource "aws_vpc_security_group_ingress_rule" "edge-access_in_tcp_443" {
  security_group_id            = aws_security_group.edge-access.id
  description                  = "lync/lync-media ref row 7; A/V/RTP/TCP/50 000-59 999"
  ip_protocol                  = "tcp"
  from_port                    = 443
  to_port                      = 443
  referenced_security_group_id = aws_security_group.lync-clients_lync-users.id
}

resource "aws_vpc_security_group_ingress_rule" "edge-access_in_tcp_50000" {
  security_group_id            = aws_security_group.edge-access.id
  description                  = "lync/lync-media ref row 7; A/V/RTP/TCP/50 000-59 999"
  ip_protocol                  = "tcp"
  from_port                    = 50000
  to_port                      = 59999
  referenced_security_group_id = aws_security_group.lync-clients_lync-users.id
}

resource "aws_vpc_security_group_egress_rule" "lync-clients_lync-users_out_udp_3478" {
  security_group_id            = aws_security_group.lync-clients_lync-users.id
  description                  = "lync/lync-media ref row 7; A/V/RTP/TCP/50 000-59 999"
  ip_protocol                  = "udp"
  from_port                    = 3478
  to_port                      = 3478
  referenced_security_group_id = aws_security_group.edge-access.id
}

resource "aws_vpc_security_group_egress_rule" "lync-clients_lync-users_out_udp_50000" {
  security_group_id            = aws_security_group.lync-clients_lync-users.id
  description                  = "lync/lync-media ref row 7; A/V/RTP/TCP/50 000-59 999"
  ip_protocol                  = "udp"
  from_port                    = 50000
  to_port                      = 59999
  referenced_security_group_id = aws_security_group.edge-access.id
}

resource "aws_vpc_security_group_egress_rule" "lync-clients_lync-users_out_tcp_443" {
  security_group_id            = aws_security_group.lync-clients_lync-users.id
  description                  = "lync/lync-media ref row 7; A/V/RTP/TCP/50 000-59 999"
  ip_protocol                  = "tcp"
  from_port                    = 443
  to_port                      = 443
  referenced_security_group_id = aws_security_group.edge-access.id
}

resource "aws_vpc_security_group_egress_rule" "lync-clients_lync-users_out_tcp_50000" {
  security_group_id            = aws_security_group.lync-clients_lync-users.id
  description                  = "lync/lync-media ref row 7; A/V/RTP/TCP/50 000-59 999"
  ip_protocol                  = "tcp"
  from_port                    = 50000
  to_port                      = 59999
  referenced_security_group_id = aws_security_group.edge-access.id
}

resource "aws_vpc_security_group_ingress_rule" "web_hamilton-web_in_tcp_22" {
  security_group_id            = aws_security_group.web_hamilton-web.id
  description                  = "fixture/ssh-v6 ref 9"
  ip_protocol                  = "tcp"
  from_port                    = 22
  to_port                      = 22
  referenced_security_group_id = aws_security_group.admin-workstation_admins.id
}

resource "aws_vpc_security_group_egress_rule" "admin-workstation_admins_out_tcp_22" {
  security_group_id            = aws_security_group.admin-workstation_admins.id
  description                  = "fixture/ssh-v6 ref 9"
  ip_protocol                  = "tcp"
  from_port                    = 22
  to_port                      = 22
  referenced_security_group_id = aws_security_group.web_hamilton-web.id
}

resource "aws_vpc_security_group_ingress_rule" "web_hamilton-web_in_icmp_8" {
  security_group_id            = aws_security_group.web_hamilton-web.id
  description                  = "fixture/ping ref 10"
  ip_protocol                  = "icmp"
  from_port                    = 8
  to_port                      = -1
  referenced_security_group_id = aws_security_group.monitoring.id
}

resource "aws_vpc_security_group_ingress_rule" "web_hamilton-web_in_icmpv6_128" {
  security_group_id            = aws_security_group.web_hamilton-web.id
  description                  = "fixture/ping ref 10"
  ip_protocol                  = "icmpv6"
  from_port                    = 128
  to_port                      = -1
  referenced_security_group_id = aws_security_group.monitoring.id
}

resource "aws_vpc_security_group_egress_rule" "monitoring_out_icmp_8" {
  security_group_id            = aws_security_group.monitoring.id
  description                  = "fixture/ping ref 10"
  ip_protocol                  = "icmp"
  from_port                    = 8
  to_port                      = -1
  referenced_security_group_id = aws_security_group.web_hamilton-web.id
}

resource "aws_vpc_security_group_egress_rule" "monitoring_out_icmpv6_128" {
  security_group_id            = aws_security_group.monitoring.id
  description                  = "fixture/ping ref 10"
  ip_protocol                  = "icmpv6"
  from_port                    = 128
  to_port                      = -1
  referenced_security_group_id = aws_security_group.web_hamilton-web.id
}

resource "aws_vpc_security_group_egress_rule" "web_hamilton-web_out_udp_123" {
  security_group_id = aws_security_group.web_hamilton-web.id
  description       = "fixture/ntp ref 6"
  ip_protocol       = "udp"
  from_port         = 123
  to_port           = 123
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_egress_rule" "web_hamilton-web_out_udp_123_1xd3edz" {
  security_group_id = aws_security_group.web_hamilton-web.id
  description       = "fixture/ntp ref 6"
  ip_protocol       = "udp"
  from_port         = 123
  to_port           = 123
  cidr_ipv6         = "::/0"
}

resource "aws_vpc_security_group_ingress_rule" "proxy_in_tcp_3128" {
  security_group_id            = aws_security_group.proxy.id
  description                  = "fixture/webhooks ref 7 webhooks leg 1/2"
  ip_protocol                  = "tcp"
  from_port                    = 3128
  to_port                      = 3128
  referenced_security_group_id = aws_security_group.web_hamilton-web.id
}

resource "aws_vpc_security_group_egress_rule" "web_hamilton-web_out_tcp_3128" {
  security_group_id            = aws_security_group.web_hamilton-web.id
  description                  = "fixture/webhooks ref 7 webhooks leg 1/2"
  ip_protocol                  = "tcp"
  from_port                    = 3128
  to_port                      = 3128
  referenced_security_group_id = aws_security_group.proxy.id
}

output "flowmatrix_security_groups" {
  value = { "web_hamilton-web" = aws_security_group.web_hamilton-web.id, "admin-workstation_admins" = aws_security_group.admin-workstation_admins.id, "sql" = aws_security_group.sql.id, "smtp-relay" = aws_security_group.smtp-relay.id, "graph" = aws_security_group.graph.id, "edge-access" = aws_security_group.edge-access.id, "lync-clients_lync-users" = aws_security_group.lync-clients_lync-users.id, "monitoring" = aws_security_group.monitoring.id, "proxy" = aws_security_group.proxy.id }
}
