<?php

return new VPhp\VSlim\WebSocket\App(onMessage: function ($conn, $data) {
    $conn->send($data)   // missing semicolon: the worker must report this file and line
});
