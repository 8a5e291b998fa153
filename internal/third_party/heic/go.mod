module github.com/gen2brain/heic

go 1.23

require github.com/tetratelabs/wazero v1.12.0
