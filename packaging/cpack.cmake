# Debian package settings (cpack -G DEB); see docs/operations.md once packaging lands.
set(CPACK_PACKAGE_NAME "faltstod")
set(CPACK_PACKAGE_VENDOR "Fältstöd")
set(CPACK_PACKAGE_CONTACT "Fältstöd maintainers")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_GENERATOR "DEB")
include(CPack)
