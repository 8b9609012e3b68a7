Return-Path: tlsrpt-noreply@microsoft.com
Delivered-To: tlsrpt@fabrikam.com
From: <tlsrpt-noreply@microsoft.com>
To: "tlsrpt@fabrikam.com" <tlsrpt@fabrikam.com>
Date: Sat, 21 Nov 2026 19:40:02 +0000
Subject: Report Domain: fabrikam.com Submitter: microsoft.com Report-ID:
 134081056000000002+fabrikam.com
TLS-Report-Domain: fabrikam.com
TLS-Report-Submitter: microsoft.com
MIME-Version: 1.0
Message-ID: <134081056000000002+fabrikam.com@fabrikam.com>
Content-Type: multipart/report;
	boundary="_9d1f5c9b-3072-4e6f-ab4c-2d3e4f5a6b7c_"; report-type=tlsrpt

--_9d1f5c9b-3072-4e6f-ab4c-2d3e4f5a6b7c_
Content-Type: text/html; charset="us-ascii"
Content-Transfer-Encoding: quoted-printable

<html>
<body>
<div>This is an aggregate TLS report from microsoft.com</div>
 </body>
</html>

--_9d1f5c9b-3072-4e6f-ab4c-2d3e4f5a6b7c_
Content-Type: application/tlsrpt+gzip
Content-Description:
 microsoft.com!fabrikam.com!1795132800!1795219199!134081056000000002.json.gz
Content-Disposition: attachment;
	filename="microsoft.com!fabrikam.com!1795132800!1795219199!134081056000000002.json.gz"
Content-Transfer-Encoding: base64

H4sIAAAAAAAEAM1TTXPbIBD9KxquFRqQYkfRqUnOPSWnxJ7OFiGHqQANrDx2Pf7vXWSrTdPk5Eu0
zGiBt59vOTAfNuDML0DjHXdgNWvYN6OCj77D7N6HwYfpkuWsBdQ8gNsQ6MAiQkCeztBMZqUol1xK
XopHIZppPZGVdu0HqLJqFje0ntgxZ8o7BIXcuM4TDPsYBuTOBz30+692TqlQ3pJTOvUU3bQEldWV
qKVYLMX5K7908COYn2DP6MH3RhkdWfN8OG32qYKTxnE/pMQixhm65xGDcRvCs60OkcpvsofHh60k
hPWtbjJNaQal037XZBZMX7wJamH3HTYEXYqrWgi2/uO89YR3FPIfC+pBHK2FMOWGHqHncVRKx9iN
pNI/caT86JA1dZ2fMR3FHoN+CyjJ33zVaiTtVH7QcexxLlrpgKYzKjH74iNya6IFVC9UQCTmqAnc
InAzpEbf1MVCFlKI4vp6IkFps50gu8n6PD/vdeMvdnJViqoQhZRVsRDslKhu/y9hfcw/JoxGBN5j
7HnFqkwmub1MViyfXZV3l8krV9X9ZbJi6885S4kPer5b6OlZfpLxWR9/A4ZqXvLjBAAA

--_9d1f5c9b-3072-4e6f-ab4c-2d3e4f5a6b7c_--

