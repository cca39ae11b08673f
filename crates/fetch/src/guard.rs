//! The SSRF guard: which addresses a fetch may reach. It sits in the resolver, so
//! it sees every address a request would connect to — after DNS, and again for
//! each redirect — not just the host name a URL spells.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

use ureq::http::Uri;
use ureq::unversioned::resolver::{DefaultResolver, ResolvedSocketAddrs, Resolver};
use ureq::unversioned::transport::NextTimeout;

/// Why an address is not on the public internet, or `None` if it is.
pub fn non_public(ip: IpAddr) -> Option<&'static str> {
    match ip {
        IpAddr::V4(v4) => non_public_v4(v4),
        IpAddr::V6(v6) => non_public_v6(v6),
    }
}

fn non_public_v4(ip: Ipv4Addr) -> Option<&'static str> {
    let [a, b, c, _] = ip.octets();
    Some(match (a, b, c) {
        _ if ip.is_unspecified() || a == 0 => "an unspecified (0.0.0.0/8)",
        _ if ip.is_loopback() => "a loopback",
        _ if ip.is_private() => "a private",
        _ if ip.is_link_local() => "a link-local",
        _ if ip.is_multicast() => "a multicast",
        _ if ip.is_broadcast() => "a broadcast",
        (100, 64..=127, _) => "a shared carrier-grade NAT",
        (192, 0, 0) => "an IETF protocol",
        (192, 0, 2) | (198, 51, 100) | (203, 0, 113) => "a documentation",
        (198, 18..=19, _) => "a benchmarking",
        (240..=255, _, _) => "a reserved",
        _ => return None,
    })
}

fn non_public_v6(ip: Ipv6Addr) -> Option<&'static str> {
    if let Some(v4) = ip.to_ipv4_mapped() {
        return non_public_v4(v4);
    }
    let s = ip.segments();
    let embedded_v4 = || {
        let o = ip.octets();
        Ipv4Addr::new(o[12], o[13], o[14], o[15])
    };
    Some(match s[0] {
        _ if ip.is_unspecified() => "an unspecified",
        _ if ip.is_loopback() => "a loopback",
        0 if s[1..6].iter().all(|&x| x == 0) => return non_public_v4(embedded_v4()),
        0x64 if s[1] == 0xff9b => return non_public_v4(embedded_v4()),
        0x2002 => {
            return non_public_v4(Ipv4Addr::new(
                (s[1] >> 8) as u8,
                s[1] as u8,
                (s[2] >> 8) as u8,
                s[2] as u8,
            ))
        }
        x if x & 0xff00 == 0xff00 => "a multicast",
        x if x & 0xfe00 == 0xfc00 => "a unique local",
        x if x & 0xffc0 == 0xfe80 => "a link-local",
        x if x & 0xffc0 == 0xfec0 => "a site-local",
        0x2001 if s[1] == 0xdb8 => "a documentation",
        _ => return None,
    })
}

/// A resolver that refuses non-public addresses (unless allowed) and answers
/// pinned hosts without DNS.
#[derive(Debug)]
pub(crate) struct GuardedResolver {
    pub allow_private: bool,
    pub pins: Vec<(String, SocketAddr)>,
    pub inner: DefaultResolver,
}

/// The message a refusal carries; `client` recognises it by this kind.
pub(crate) const REFUSED: std::io::ErrorKind = std::io::ErrorKind::PermissionDenied;

impl Resolver for GuardedResolver {
    fn resolve(
        &self,
        uri: &Uri,
        config: &ureq::config::Config,
        timeout: NextTimeout,
    ) -> Result<ResolvedSocketAddrs, ureq::Error> {
        let host = uri.host().unwrap_or_default().to_ascii_lowercase();
        let port = uri.port_u16().unwrap_or(match uri.scheme_str() {
            Some("https") => 443,
            _ => 80,
        });
        let key = format!(
            "{}:{port}",
            host.trim_start_matches('[').trim_end_matches(']')
        );
        if let Some((_, addr)) = self.pins.iter().find(|(k, _)| *k == key) {
            let mut pinned = self.empty();
            pinned.push(*addr);
            return Ok(pinned);
        }
        let found = self.inner.resolve(uri, config, timeout)?;
        if self.allow_private {
            return Ok(found);
        }
        let mut kept = self.empty();
        let mut refused = None;
        for addr in found.iter() {
            match non_public(addr.ip()) {
                None => kept.push(*addr),
                Some(class) => refused = refused.or(Some((addr.ip(), class))),
            }
        }
        match refused {
            // One bad answer is enough to refuse: a host that resolves to both a public
            // and a private address is a rebinding trick more often than a real site.
            Some((ip, class)) => Err(ureq::Error::Io(std::io::Error::new(
                REFUSED,
                format!("{host} resolves to {ip}, {class} address"),
            ))),
            None => Ok(kept),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn class(s: &str) -> Option<&'static str> {
        non_public(s.parse().unwrap())
    }

    #[test]
    fn classifies_addresses() {
        for private in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "0.0.0.0",
            "100.64.0.1",
            "224.0.0.1",
            "255.255.255.255",
            "::1",
            "::",
            "fe80::1",
            "fc00::1",
            "fd12::1",
            "ff02::1",
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
            "64:ff9b::a9fe:a9fe",
            "2002:7f00:1::",
        ] {
            assert!(class(private).is_some(), "{private} is not public");
        }
        for public in [
            "93.184.216.34",
            "1.1.1.1",
            "2606:4700::1111",
            "::ffff:8.8.8.8",
        ] {
            assert_eq!(class(public), None, "{public} is public");
        }
        assert_eq!(class("169.254.169.254"), Some("a link-local"));
    }
}
