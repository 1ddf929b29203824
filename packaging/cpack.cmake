# Debian packages with CPack: two packages from one build, 'faltstod' (the kiosk, install
# component 'kiosk') and 'faltstod-server' (component 'server'). The version comes from
# project() in the top CMakeLists.txt. Build them with:
#   cpack --config build/CPackConfig.cmake -B /tmp/faltstod-pkg
# packaging/package-test.sh builds, installs, runs and purges them (docs/operations.md).
set(CPACK_GENERATOR "DEB")
set(CPACK_PACKAGE_NAME "faltstod")
set(CPACK_PACKAGE_VENDOR "Fältstöd")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_CONTACT "Fältstöd team <team@faltstod.invalid>")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_STRIP_FILES ON)
set(CPACK_PROJECT_CONFIG_FILE "${CMAKE_CURRENT_LIST_DIR}/cpack-project-config.cmake")
set(CPACK_COMPONENTS_ALL kiosk server)

set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_DEBIAN_FILE_NAME "DEB-DEFAULT")
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${CPACK_PACKAGE_CONTACT}")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
# Runtime libraries are found by dpkg-shlibdeps; the lists below add what it cannot see.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS OFF)

# The kiosk: fonts with every Swedish glyph (found through fontconfig), the time-zone data
# that "open now" is computed with (Europe/Stockholm), ICU, whose data the personal-data
# guard normalises notes with, and cmark-gfm, the Markdown parser of articles (shlibdeps finds
# both too; named so the reasons are written down).
set(CPACK_DEBIAN_KIOSK_PACKAGE_NAME "faltstod")
set(CPACK_DEBIAN_KIOSK_PACKAGE_SECTION "misc")
set(CPACK_DEBIAN_KIOSK_PACKAGE_DEPENDS "fonts-dejavu-core, tzdata, libicu72, libcmark-gfm0.29.0.gfm.6, libcmark-gfm-extensions0.29.0.gfm.6")
set(CPACK_DEBIAN_KIOSK_PACKAGE_RECOMMENDS "libgl1-mesa-dri")
set(CPACK_DEBIAN_KIOSK_DESCRIPTION "offline guidance and contacts on honour-related violence
Fältstöd (“field support”) puts guidance, contacts and support-line
information about honour-related violence and oppression on the laptops of
the professionals who meet the people at risk: social workers, school staff,
health care, police and regional resource centres.
.
The kiosk works fully offline from a local replica, seeded from the bundled
content, and keeps itself up to date from a faltstod-server when a network is
there. It has a quick exit, auto-lock with an optional PIN, anonymous
consultation logs and a locked-down kiosk mode.")

# The server: a system user is created with adduser; the unit runs it under systemd.
# ICU for the personal-data guard and cmark-gfm for validating bundles, as in the kiosk.
set(CPACK_DEBIAN_SERVER_PACKAGE_NAME "faltstod-server")
set(CPACK_DEBIAN_SERVER_PACKAGE_SECTION "net")
set(CPACK_DEBIAN_SERVER_PACKAGE_DEPENDS "adduser, libicu72, libcmark-gfm0.29.0.gfm.6, libcmark-gfm-extensions0.29.0.gfm.6")
set(CPACK_DEBIAN_SERVER_PACKAGE_CONTROL_EXTRA
  "${CMAKE_CURRENT_LIST_DIR}/server/conffiles;${CMAKE_CURRENT_LIST_DIR}/server/postinst;${CMAKE_CURRENT_LIST_DIR}/server/prerm;${CMAKE_CURRENT_LIST_DIR}/server/postrm")
set(CPACK_DEBIAN_SERVER_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_DEBIAN_SERVER_DESCRIPTION "sync server for the Fältstöd kiosks
The central server of Fältstöd: editors publish guidance, contacts and
support lines to it, and field laptops running the faltstod kiosk enroll with
a one-time code, sync their offline replica from it and deliver anonymous
consultation logs.
.
It runs as the systemd service faltstod-server under its own system user,
keeps its data in one SQLite database in /var/lib/faltstod, is configured in
/etc/faltstod/server.toml and serves HTTPS directly or behind a reverse proxy.")

include(CPack)
