# What the Debian packages install besides the programs, translations and content (those are
# installed in app/ and sync/): for the kiosk (component 'kiosk') the menu entry, AppStream
# metainfo, icons, man page and kiosk-session files; for the server (component 'server') the
# systemd unit, the default configuration, the nginx site file and the man page; for both the copyright file,
# changelog and docs/operations.md. Included from the top CMakeLists.txt before cpack.cmake.

# The date of the release named in project(VERSION); change both together.
set(FALTSTOD_RELEASE_DATE "2026-11-24")
set(FALTSTOD_RELEASE_DATE_RFC2822 "Tue, 24 Nov 2026 12:00:00 +0000")

set(pkg_src ${PROJECT_SOURCE_DIR}/packaging)
set(pkg_out ${PROJECT_BINARY_DIR}/packaging)
find_program(GZIP gzip REQUIRED)

# Version and date are filled in; man pages and changelog are compressed the way Debian wants
# them (gzip -9n: best, and no time stamp or name inside, so the package is reproducible).
configure_file(${pkg_src}/kiosk/se.faltstod.Faltstod.metainfo.xml ${pkg_out}/se.faltstod.Faltstod.metainfo.xml @ONLY)
set(faltstod_gz)
foreach(pair "man/faltstod.1;faltstod.1" "man/faltstod-server.8;faltstod-server.8" "debian/changelog.in;changelog")
  list(GET pair 0 in)
  list(GET pair 1 out)
  configure_file(${pkg_src}/${in} ${pkg_out}/${out} @ONLY)
  add_custom_command(OUTPUT ${pkg_out}/${out}.gz
    COMMAND ${GZIP} -9nf -k ${pkg_out}/${out}
    DEPENDS ${pkg_out}/${out}
    COMMENT "Compressing ${out} for the packages")
  list(APPEND faltstod_gz ${pkg_out}/${out}.gz)
endforeach()
add_custom_target(faltstod_package_files ALL DEPENDS ${faltstod_gz})

# Both packages: copyright, changelog, the operations guide.
foreach(component kiosk server)
  if(component STREQUAL "kiosk")
    set(package faltstod)
  else()
    set(package faltstod-server)
  endif()
  install(FILES ${pkg_src}/debian/copyright ${pkg_out}/changelog.gz ${PROJECT_SOURCE_DIR}/docs/operations.md
    DESTINATION share/doc/${package} COMPONENT ${component})
endforeach()

# The kiosk.
install(FILES ${pkg_src}/kiosk/se.faltstod.Faltstod.desktop DESTINATION share/applications COMPONENT kiosk)
install(FILES ${pkg_out}/se.faltstod.Faltstod.metainfo.xml DESTINATION share/metainfo COMPONENT kiosk)
install(FILES ${PROJECT_SOURCE_DIR}/assets/icons/faltstod.svg
  DESTINATION share/icons/hicolor/scalable/apps RENAME se.faltstod.Faltstod.svg COMPONENT kiosk)
foreach(size 16 24 32 48 64 128 256 512)
  install(FILES ${PROJECT_SOURCE_DIR}/assets/icons/png/${size}.png
    DESTINATION share/icons/hicolor/${size}x${size}/apps RENAME se.faltstod.Faltstod.png COMPONENT kiosk)
endforeach()
install(FILES ${pkg_out}/faltstod.1.gz DESTINATION share/man/man1 COMPONENT kiosk)
install(PROGRAMS ${pkg_src}/kiosk-session/faltstod-kiosk-session DESTINATION libexec/faltstod COMPONENT kiosk)
install(FILES ${pkg_src}/kiosk-session/faltstod-kiosk.desktop ${pkg_src}/kiosk-session/lightdm-faltstod-kiosk.conf
  DESTINATION share/faltstod/kiosk-session COMPONENT kiosk)

# The server. Debian 12 keeps systemd units in /lib/systemd/system (not yet /usr/lib).
install(FILES ${pkg_src}/server/faltstod-server.service DESTINATION /lib/systemd/system COMPONENT server)
install(FILES ${pkg_src}/server/server.toml DESTINATION /etc/faltstod COMPONENT server)
# nginx in front (docs/operations.md, "nginx in front"): a site file to copy into /etc/nginx.
install(FILES ${pkg_src}/nginx/faltstod-server.conf DESTINATION share/faltstod-server/nginx COMPONENT server)
install(FILES ${pkg_out}/faltstod-server.8.gz DESTINATION share/man/man8 COMPONENT server)
