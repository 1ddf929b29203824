# Read by cpack at package time (CPACK_PROJECT_CONFIG_FILE). Each package's description in
# cpack.cmake starts with its own one-line summary; CPackDeb would put the project's summary
# above it, so both packages would share one summary line. Clearing it here stops that.
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "")
