# flowmatrix: site hamilton-example, firewall fw-internal (AWS security groups). Generated: change the catalog or the site, not this file.
# One security group per site role; attach each to the instances (network interfaces) of its role.
# Ingress rules sit on the destination role, egress rules on the source role (Terraform removes the default
# allow-all egress rule). Between two site roles the peer is the other role's security group.

variable "vpc_id" {
  type        = string
  description = "VPC of the security groups"
}

resource "aws_security_group" "internal-dns_dns-servers" {
  name        = "flowmatrix-hamilton-example-fw-internal-internal-dns_dns-servers"
  description = "flowmatrix role internal-dns bound to dns-servers (site hamilton-example)"
  vpc_id      = var.vpc_id
  tags        = { Name = "flowmatrix-hamilton-example-fw-internal-internal-dns_dns-servers", flowmatrix_role = "internal-dns" }
}

resource "aws_security_group" "web_hamilton-web" {
  name        = "flowmatrix-hamilton-example-fw-internal-web_hamilton-web"
  description = "flowmatrix role web bound to hamilton-web (site hamilton-example)"
  vpc_id      = var.vpc_id
  tags        = { Name = "flowmatrix-hamilton-example-fw-internal-web_hamilton-web", flowmatrix_role = "web" }
}

resource "aws_security_group" "internal-ntp_ntp-1" {
  name        = "flowmatrix-hamilton-example-fw-internal-internal-ntp_ntp-1"
  description = "flowmatrix role internal-ntp bound to ntp-1 (site hamilton-example)"
  vpc_id      = var.vpc_id
  tags        = { Name = "flowmatrix-hamilton-example-fw-internal-internal-ntp_ntp-1", flowmatrix_role = "internal-ntp" }
}

resource "aws_security_group" "smtp-relay_smtp-relay-1" {
  name        = "flowmatrix-hamilton-example-fw-internal-smtp-relay_smtp-relay-1"
  description = "flowmatrix role smtp-relay bound to smtp-relay-1 (site hamilton-example)"
  vpc_id      = var.vpc_id
  tags        = { Name = "flowmatrix-hamilton-example-fw-internal-smtp-relay_smtp-relay-1", flowmatrix_role = "smtp-relay" }
}

resource "aws_security_group" "proxy_outbound-proxy_proxy-out" {
  name        = "flowmatrix-hamilton-example-fw-internal-proxy_outbound-proxy_proxy-out"
  description = "flowmatrix role proxy:outbound-proxy bound to proxy-out (site hamilton-example)"
  vpc_id      = var.vpc_id
  tags        = { Name = "flowmatrix-hamilton-example-fw-internal-proxy_outbound-proxy_proxy-out", flowmatrix_role = "proxy:outbound-proxy" }
}

resource "aws_security_group" "admin-workstation_admin-workstations" {
  name        = "flowmatrix-hamilton-example-fw-internal-admin-workstation_admin-workstations"
  description = "flowmatrix role admin-workstation bound to admin-workstations (site hamilton-example)"
  vpc_id      = var.vpc_id
  tags        = { Name = "flowmatrix-hamilton-example-fw-internal-admin-workstation_admin-workstations", flowmatrix_role = "admin-workstation" }
}

resource "aws_security_group" "domain-controller_domain-controllers" {
  name        = "flowmatrix-hamilton-example-fw-internal-domain-controller_domain-controllers"
  description = "flowmatrix role domain-controller bound to domain-controllers (site hamilton-example)"
  vpc_id      = var.vpc_id
  tags        = { Name = "flowmatrix-hamilton-example-fw-internal-domain-controller_domain-controllers", flowmatrix_role = "domain-controller" }
}

resource "aws_security_group" "clients" {
  name        = "flowmatrix-hamilton-example-fw-internal-clients"
  description = "flowmatrix role clients bound to user-workstations, reception-desks (site hamilton-example)"
  vpc_id      = var.vpc_id
  tags        = { Name = "flowmatrix-hamilton-example-fw-internal-clients", flowmatrix_role = "clients" }
}

resource "aws_security_group" "sql_hamilton-sql" {
  name        = "flowmatrix-hamilton-example-fw-internal-sql_hamilton-sql"
  description = "flowmatrix role sql bound to hamilton-sql (site hamilton-example)"
  vpc_id      = var.vpc_id
  tags        = { Name = "flowmatrix-hamilton-example-fw-internal-sql_hamilton-sql", flowmatrix_role = "sql" }
}

resource "aws_vpc_security_group_ingress_rule" "internal-dns_dns-servers_in_udp_53" {
  security_group_id            = aws_security_group.internal-dns_dns-servers.id
  description                  = "hamilton/dns ref 1 row 1 (DNS)"
  ip_protocol                  = "udp"
  from_port                    = 53
  to_port                      = 53
  referenced_security_group_id = aws_security_group.web_hamilton-web.id
}

resource "aws_vpc_security_group_ingress_rule" "internal-dns_dns-servers_in_tcp_53" {
  security_group_id            = aws_security_group.internal-dns_dns-servers.id
  description                  = "hamilton/dns ref 1 row 1 (DNS)"
  ip_protocol                  = "tcp"
  from_port                    = 53
  to_port                      = 53
  referenced_security_group_id = aws_security_group.web_hamilton-web.id
}

resource "aws_vpc_security_group_egress_rule" "web_hamilton-web_out_udp_53" {
  security_group_id            = aws_security_group.web_hamilton-web.id
  description                  = "hamilton/dns ref 1 row 1 (DNS)"
  ip_protocol                  = "udp"
  from_port                    = 53
  to_port                      = 53
  referenced_security_group_id = aws_security_group.internal-dns_dns-servers.id
}

resource "aws_vpc_security_group_egress_rule" "web_hamilton-web_out_tcp_53" {
  security_group_id            = aws_security_group.web_hamilton-web.id
  description                  = "hamilton/dns ref 1 row 1 (DNS)"
  ip_protocol                  = "tcp"
  from_port                    = 53
  to_port                      = 53
  referenced_security_group_id = aws_security_group.internal-dns_dns-servers.id
}

resource "aws_vpc_security_group_ingress_rule" "internal-ntp_ntp-1_in_udp_123" {
  security_group_id            = aws_security_group.internal-ntp_ntp-1.id
  description                  = "hamilton/ntp ref 1 row 2 (NTP)"
  ip_protocol                  = "udp"
  from_port                    = 123
  to_port                      = 123
  referenced_security_group_id = aws_security_group.web_hamilton-web.id
}

resource "aws_vpc_security_group_egress_rule" "web_hamilton-web_out_udp_123" {
  security_group_id            = aws_security_group.web_hamilton-web.id
  description                  = "hamilton/ntp ref 1 row 2 (NTP)"
  ip_protocol                  = "udp"
  from_port                    = 123
  to_port                      = 123
  referenced_security_group_id = aws_security_group.internal-ntp_ntp-1.id
}

resource "aws_vpc_security_group_ingress_rule" "smtp-relay_smtp-relay-1_in_tcp_587" {
  security_group_id            = aws_security_group.smtp-relay_smtp-relay-1.id
  description                  = "hamilton/smtp-relay ref 2 row 1 (Relais SMTP interne)"
  ip_protocol                  = "tcp"
  from_port                    = 587
  to_port                      = 587
  referenced_security_group_id = aws_security_group.web_hamilton-web.id
}

resource "aws_vpc_security_group_egress_rule" "web_hamilton-web_out_tcp_587" {
  security_group_id            = aws_security_group.web_hamilton-web.id
  description                  = "hamilton/smtp-relay ref 2 row 1 (Relais SMTP interne)"
  ip_protocol                  = "tcp"
  from_port                    = 587
  to_port                      = 587
  referenced_security_group_id = aws_security_group.smtp-relay_smtp-relay-1.id
}

resource "aws_vpc_security_group_ingress_rule" "proxy_outbound-proxy_proxy-out_in_tcp_3128" {
  security_group_id            = aws_security_group.proxy_outbound-proxy_proxy-out.id
  description                  = "hamilton/graph-auth-admin ref 3 row 2 (Auth/Consent Azure AD, Administrateur) leg 1/2"
  ip_protocol                  = "tcp"
  from_port                    = 3128
  to_port                      = 3128
  referenced_security_group_id = aws_security_group.admin-workstation_admin-workstations.id
}

resource "aws_vpc_security_group_egress_rule" "admin-workstation_admin-workstations_out_tcp_3128" {
  security_group_id            = aws_security_group.admin-workstation_admin-workstations.id
  description                  = "hamilton/graph-auth-admin ref 3 row 2 (Auth/Consent Azure AD, Administrateur) leg 1/2"
  ip_protocol                  = "tcp"
  from_port                    = 3128
  to_port                      = 3128
  referenced_security_group_id = aws_security_group.proxy_outbound-proxy_proxy-out.id
}

resource "aws_vpc_security_group_ingress_rule" "domain-controller_domain-controllers_in_tcp_636" {
  security_group_id            = aws_security_group.domain-controller_domain-controllers.id
  description                  = "hamilton/directory-ldaps ref 8 item 2 (AD/LDAPS)"
  ip_protocol                  = "tcp"
  from_port                    = 636
  to_port                      = 636
  referenced_security_group_id = aws_security_group.web_hamilton-web.id
}

resource "aws_vpc_security_group_egress_rule" "web_hamilton-web_out_tcp_636" {
  security_group_id            = aws_security_group.web_hamilton-web.id
  description                  = "hamilton/directory-ldaps ref 8 item 2 (AD/LDAPS)"
  ip_protocol                  = "tcp"
  from_port                    = 636
  to_port                      = 636
  referenced_security_group_id = aws_security_group.domain-controller_domain-controllers.id
}

resource "aws_vpc_security_group_ingress_rule" "web_hamilton-web_in_tcp_443" {
  security_group_id            = aws_security_group.web_hamilton-web.id
  description                  = "hamilton/clients-web ref Hamilton public flow matrix clients WEB HTTPS 443"
  ip_protocol                  = "tcp"
  from_port                    = 443
  to_port                      = 443
  referenced_security_group_id = aws_security_group.clients.id
}

resource "aws_vpc_security_group_egress_rule" "clients_out_tcp_443" {
  security_group_id            = aws_security_group.clients.id
  description                  = "hamilton/clients-web ref Hamilton public flow matrix clients WEB HTTPS 443"
  ip_protocol                  = "tcp"
  from_port                    = 443
  to_port                      = 443
  referenced_security_group_id = aws_security_group.web_hamilton-web.id
}

resource "aws_vpc_security_group_ingress_rule" "web_hamilton-web_in_tcp_443_0p6kd5k" {
  security_group_id            = aws_security_group.web_hamilton-web.id
  description                  = "hamilton/clients-web ref Hamilton public flow matrix clients WEB HTTPS 443"
  ip_protocol                  = "tcp"
  from_port                    = 443
  to_port                      = 443
  referenced_security_group_id = aws_security_group.admin-workstation_admin-workstations.id
}

resource "aws_vpc_security_group_egress_rule" "admin-workstation_admin-workstations_out_tcp_443" {
  security_group_id            = aws_security_group.admin-workstation_admin-workstations.id
  description                  = "hamilton/clients-web ref Hamilton public flow matrix clients WEB HTTPS 443"
  ip_protocol                  = "tcp"
  from_port                    = 443
  to_port                      = 443
  referenced_security_group_id = aws_security_group.web_hamilton-web.id
}

resource "aws_vpc_security_group_ingress_rule" "sql_hamilton-sql_in_tcp_1433" {
  security_group_id            = aws_security_group.sql_hamilton-sql.id
  description                  = "hamilton/web-sql ref Hamilton public flow matrix WEB SQL 1433"
  ip_protocol                  = "tcp"
  from_port                    = 1433
  to_port                      = 1433
  referenced_security_group_id = aws_security_group.web_hamilton-web.id
}

resource "aws_vpc_security_group_egress_rule" "web_hamilton-web_out_tcp_1433" {
  security_group_id            = aws_security_group.web_hamilton-web.id
  description                  = "hamilton/web-sql ref Hamilton public flow matrix WEB SQL 1433"
  ip_protocol                  = "tcp"
  from_port                    = 1433
  to_port                      = 1433
  referenced_security_group_id = aws_security_group.sql_hamilton-sql.id
}

output "flowmatrix_security_groups" {
  value = { "internal-dns_dns-servers" = aws_security_group.internal-dns_dns-servers.id, "web_hamilton-web" = aws_security_group.web_hamilton-web.id, "internal-ntp_ntp-1" = aws_security_group.internal-ntp_ntp-1.id, "smtp-relay_smtp-relay-1" = aws_security_group.smtp-relay_smtp-relay-1.id, "proxy_outbound-proxy_proxy-out" = aws_security_group.proxy_outbound-proxy_proxy-out.id, "admin-workstation_admin-workstations" = aws_security_group.admin-workstation_admin-workstations.id, "domain-controller_domain-controllers" = aws_security_group.domain-controller_domain-controllers.id, "clients" = aws_security_group.clients.id, "sql_hamilton-sql" = aws_security_group.sql_hamilton-sql.id }
}
