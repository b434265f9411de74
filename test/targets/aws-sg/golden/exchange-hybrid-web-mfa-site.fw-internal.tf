# flowmatrix: site exchange-hybrid-web-mfa-example, firewall fw-internal (AWS security groups). Generated: change the catalog or the site, not this file.
# One security group per site role; attach each to the instances (network interfaces) of its role.
# Ingress rules sit on the destination role, egress rules on the source role (Terraform removes the default
# allow-all egress rule). Between two site roles the peer is the other role's security group.

variable "vpc_id" {
  type        = string
  description = "VPC of the security groups"
}

resource "aws_security_group" "proxy_outbound-proxy_proxy-out" {
  name        = "flowmatrix-exchange-hybrid-web-mfa-example-fw-internal-proxy_outbound-proxy_proxy-out"
  description = "flowmatrix role proxy:outbound-proxy bound to proxy-out (site exchange-hybrid-web-mfa-example)"
  vpc_id      = var.vpc_id
  tags        = { Name = "flowmatrix-exchange-hybrid-web-mfa-example-fw-internal-proxy_outbound-proxy_proxy-out", flowmatrix_role = "proxy:outbound-proxy" }
}

resource "aws_security_group" "user_user-workstations" {
  name        = "flowmatrix-exchange-hybrid-web-mfa-example-fw-internal-user_user-workstations"
  description = "flowmatrix role user bound to user-workstations (site exchange-hybrid-web-mfa-example)"
  vpc_id      = var.vpc_id
  tags        = { Name = "flowmatrix-exchange-hybrid-web-mfa-example-fw-internal-user_user-workstations", flowmatrix_role = "user" }
}

resource "aws_security_group" "exchange-onprem_exchange-servers" {
  name        = "flowmatrix-exchange-hybrid-web-mfa-example-fw-internal-exchange-onprem_exchange-servers"
  description = "flowmatrix role exchange-onprem bound to exchange-servers (site exchange-hybrid-web-mfa-example)"
  vpc_id      = var.vpc_id
  tags        = { Name = "flowmatrix-exchange-hybrid-web-mfa-example-fw-internal-exchange-onprem_exchange-servers", flowmatrix_role = "exchange-onprem" }
}

resource "aws_security_group" "wap_wap-farm" {
  name        = "flowmatrix-exchange-hybrid-web-mfa-example-fw-internal-wap_wap-farm"
  description = "flowmatrix role wap bound to wap-farm (site exchange-hybrid-web-mfa-example)"
  vpc_id      = var.vpc_id
  tags        = { Name = "flowmatrix-exchange-hybrid-web-mfa-example-fw-internal-wap_wap-farm", flowmatrix_role = "wap" }
}

resource "aws_security_group" "adfs_adfs-farm" {
  name        = "flowmatrix-exchange-hybrid-web-mfa-example-fw-internal-adfs_adfs-farm"
  description = "flowmatrix role adfs bound to adfs-farm (site exchange-hybrid-web-mfa-example)"
  vpc_id      = var.vpc_id
  tags        = { Name = "flowmatrix-exchange-hybrid-web-mfa-example-fw-internal-adfs_adfs-farm", flowmatrix_role = "adfs" }
}

resource "aws_security_group" "entra-connect_entra-connect-1" {
  name        = "flowmatrix-exchange-hybrid-web-mfa-example-fw-internal-entra-connect_entra-connect-1"
  description = "flowmatrix role entra-connect bound to entra-connect-1 (site exchange-hybrid-web-mfa-example)"
  vpc_id      = var.vpc_id
  tags        = { Name = "flowmatrix-exchange-hybrid-web-mfa-example-fw-internal-entra-connect_entra-connect-1", flowmatrix_role = "entra-connect" }
}

resource "aws_vpc_security_group_ingress_rule" "proxy_outbound-proxy_proxy-out_in_tcp_8080" {
  security_group_id            = aws_security_group.proxy_outbound-proxy_proxy-out.id
  description                  = "exchange-hybrid-web-mfa/user-to-exchange-online ref Flux de l utilisateur d Exchange Online, etapes 1 et 6 leg 1/2; exchange-hybrid-web-mfa/user-to-entra-id ref Flux de l utilisateur d Exchange Online, etapes 2 a 5 leg 1/2"
  ip_protocol                  = "tcp"
  from_port                    = 8080
  to_port                      = 8080
  referenced_security_group_id = aws_security_group.user_user-workstations.id
}

resource "aws_vpc_security_group_egress_rule" "user_user-workstations_out_tcp_8080" {
  security_group_id            = aws_security_group.user_user-workstations.id
  description                  = "exchange-hybrid-web-mfa/user-to-exchange-online ref Flux de l utilisateur d Exchange Online, etapes 1 et 6 leg 1/2; exchange-hybrid-web-mfa/user-to-entra-id ref Flux de l utilisateur d Exchange Online, etapes 2 a 5 leg 1/2"
  ip_protocol                  = "tcp"
  from_port                    = 8080
  to_port                      = 8080
  referenced_security_group_id = aws_security_group.proxy_outbound-proxy_proxy-out.id
}

resource "aws_vpc_security_group_ingress_rule" "exchange-onprem_exchange-servers_in_tcp_443" {
  security_group_id            = aws_security_group.exchange-onprem_exchange-servers.id
  description                  = "exchange-hybrid-web-mfa/wap-to-exchange-onprem ref Flux de l utilisateur d Exchange local, etapes 1 et 6"
  ip_protocol                  = "tcp"
  from_port                    = 443
  to_port                      = 443
  referenced_security_group_id = aws_security_group.wap_wap-farm.id
}

resource "aws_vpc_security_group_egress_rule" "wap_wap-farm_out_tcp_443" {
  security_group_id            = aws_security_group.wap_wap-farm.id
  description                  = "exchange-hybrid-web-mfa/wap-to-exchange-onprem ref Flux de l utilisateur d Exchange local, etapes 1 et 6"
  ip_protocol                  = "tcp"
  from_port                    = 443
  to_port                      = 443
  referenced_security_group_id = aws_security_group.exchange-onprem_exchange-servers.id
}

resource "aws_vpc_security_group_ingress_rule" "adfs_adfs-farm_in_tcp_443" {
  security_group_id            = aws_security_group.adfs_adfs-farm.id
  description                  = "exchange-hybrid-web-mfa/wap-to-adfs ref Flux de l utilisateur d Exchange local, etape 2 ; Composants (Proxy d application web)"
  ip_protocol                  = "tcp"
  from_port                    = 443
  to_port                      = 443
  referenced_security_group_id = aws_security_group.wap_wap-farm.id
}

resource "aws_vpc_security_group_egress_rule" "wap_wap-farm_out_tcp_443_1v7caa4" {
  security_group_id            = aws_security_group.wap_wap-farm.id
  description                  = "exchange-hybrid-web-mfa/wap-to-adfs ref Flux de l utilisateur d Exchange local, etape 2 ; Composants (Proxy d application web)"
  ip_protocol                  = "tcp"
  from_port                    = 443
  to_port                      = 443
  referenced_security_group_id = aws_security_group.adfs_adfs-farm.id
}

resource "aws_vpc_security_group_ingress_rule" "proxy_outbound-proxy_proxy-out_in_tcp_8080_1if8pou" {
  security_group_id            = aws_security_group.proxy_outbound-proxy_proxy-out.id
  description                  = "exchange-hybrid-web-mfa/adfs-to-entra-mfa ref Flux de l utilisateur d Exchange local, etape 4 leg 1/2"
  ip_protocol                  = "tcp"
  from_port                    = 8080
  to_port                      = 8080
  referenced_security_group_id = aws_security_group.adfs_adfs-farm.id
}

resource "aws_vpc_security_group_egress_rule" "adfs_adfs-farm_out_tcp_8080" {
  security_group_id            = aws_security_group.adfs_adfs-farm.id
  description                  = "exchange-hybrid-web-mfa/adfs-to-entra-mfa ref Flux de l utilisateur d Exchange local, etape 4 leg 1/2"
  ip_protocol                  = "tcp"
  from_port                    = 8080
  to_port                      = 8080
  referenced_security_group_id = aws_security_group.proxy_outbound-proxy_proxy-out.id
}

resource "aws_vpc_security_group_ingress_rule" "proxy_outbound-proxy_proxy-out_in_tcp_8080_0cjbb3x" {
  security_group_id            = aws_security_group.proxy_outbound-proxy_proxy-out.id
  description                  = "exchange-hybrid-web-mfa/entra-connect-to-entra-id ref Remarques generales, point 3 leg 1/2"
  ip_protocol                  = "tcp"
  from_port                    = 8080
  to_port                      = 8080
  referenced_security_group_id = aws_security_group.entra-connect_entra-connect-1.id
}

resource "aws_vpc_security_group_egress_rule" "entra-connect_entra-connect-1_out_tcp_8080" {
  security_group_id            = aws_security_group.entra-connect_entra-connect-1.id
  description                  = "exchange-hybrid-web-mfa/entra-connect-to-entra-id ref Remarques generales, point 3 leg 1/2"
  ip_protocol                  = "tcp"
  from_port                    = 8080
  to_port                      = 8080
  referenced_security_group_id = aws_security_group.proxy_outbound-proxy_proxy-out.id
}

resource "aws_vpc_security_group_ingress_rule" "proxy_outbound-proxy_proxy-out_in_tcp_8080_0l93ve0" {
  security_group_id            = aws_security_group.proxy_outbound-proxy_proxy-out.id
  description                  = "exchange-hybrid-web-mfa/exchange-onprem-to-entra-id ref Composants (Microsoft Entra ID, Exchange Server) leg 1/2"
  ip_protocol                  = "tcp"
  from_port                    = 8080
  to_port                      = 8080
  referenced_security_group_id = aws_security_group.exchange-onprem_exchange-servers.id
}

resource "aws_vpc_security_group_egress_rule" "exchange-onprem_exchange-servers_out_tcp_8080" {
  security_group_id            = aws_security_group.exchange-onprem_exchange-servers.id
  description                  = "exchange-hybrid-web-mfa/exchange-onprem-to-entra-id ref Composants (Microsoft Entra ID, Exchange Server) leg 1/2"
  ip_protocol                  = "tcp"
  from_port                    = 8080
  to_port                      = 8080
  referenced_security_group_id = aws_security_group.proxy_outbound-proxy_proxy-out.id
}

output "flowmatrix_security_groups" {
  value = { "proxy_outbound-proxy_proxy-out" = aws_security_group.proxy_outbound-proxy_proxy-out.id, "user_user-workstations" = aws_security_group.user_user-workstations.id, "exchange-onprem_exchange-servers" = aws_security_group.exchange-onprem_exchange-servers.id, "wap_wap-farm" = aws_security_group.wap_wap-farm.id, "adfs_adfs-farm" = aws_security_group.adfs_adfs-farm.id, "entra-connect_entra-connect-1" = aws_security_group.entra-connect_entra-connect-1.id }
}
